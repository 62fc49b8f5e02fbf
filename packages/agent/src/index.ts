export { createTaskList, maintenanceTaskList } from "./tasks";
export { installWorkerSchema, startAgentWorker, type AgentWorker } from "./runtime";
export { agentEnvSchema, readAgentEnv, type AgentEnv } from "./env";
export { readWebhookEnv, type WebhookEnv } from "./webhooks/env";
