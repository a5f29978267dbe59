/**
 * Prompt templates (seed 002): named templates with declared variables and immutable numbered versions, A/B traffic
 * split by weight, per-version statistics; and multi-language content generation over them. Rendering into
 * {@code /v1/chat/completions} goes through the hook the gateway declares ({@link dev.switchboard.gateway.PromptTemplates}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Prompt", allowedDependencies = {"access", "catalog", "gateway", "metering", "money"})
package dev.switchboard.prompt;
