export { seedDemo, DatabaseNotEmptyError, type SeedSummary } from "./seed";
export { buildDemoPlan, type DemoPlan } from "./plan";
export { DEMO_PASSWORD, users as demoUsers, labels as demoLabels } from "./content";
