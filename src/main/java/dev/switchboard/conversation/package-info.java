/**
 * Conversations: a user's own threads of messages, each answer with its tokens and cost, sent through the gateway's one
 * pipeline (budgets, credits, the key pool, retries and fallbacks apply, and every turn is metered). Also serves
 * {@code conversation_id} on the inference endpoints, through the hook the gateway declares for it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Conversation", allowedDependencies = {"access", "catalog", "gateway", "money", "provider"})
package dev.switchboard.conversation;
