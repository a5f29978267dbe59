/**
 * Upstream providers: one adapter per wire format around a canonical request (OpenAI's chat format), faithful
 * translation of responses and streams, and one error model. Anthropic's Messages dialect is also served to callers
 * directly: natively ({@link dev.switchboard.provider.AnthropicMessages}) or over the canonical format
 * ({@link dev.switchboard.provider.MessagesTranslation}). Depends on no other feature.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Provider", allowedDependencies = {})
package dev.switchboard.provider;
