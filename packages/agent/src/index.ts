export { taskList } from "./tasks";
export { agentEnvSchema, readAgentEnv, type AgentEnv } from "./env";
