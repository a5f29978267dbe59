/** The public inference APIs and the request pipeline that ties access, catalog, vault, provider and metering together. */
@org.springframework.modulith.ApplicationModule(displayName = "Gateway")
package dev.switchboard.gateway;
