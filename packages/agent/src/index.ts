export { createTaskList, maintenanceTaskList } from "./tasks";
export { startAgentWorker, type AgentWorker } from "./runtime";
export { agentEnvSchema, readAgentEnv, type AgentEnv } from "./env";
