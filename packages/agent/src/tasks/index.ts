import { type TaskList } from "graphile-worker";
import { AGENT_TASKS } from "../contracts";
import { MAIL_TASK } from "../mail/contracts";
import { type AgentDeps } from "../jobs/run-agent-job";
import { createClassifyTask } from "./classify";
import { createDraftReplyTask } from "./draft-reply";
import { pruneEvents } from "./prune-events";
import { createPruneUploadsTask } from "./prune-uploads";
import { createSendMailTask } from "./send-mail";
import { createMailNotificationsTask, defaultNotificationMailDeps } from "./mail-notifications";
import { createSummarizeTask } from "./summarize";

/** Every task the worker runs, by the name jobs are added with. */
export function createTaskList(deps: AgentDeps): TaskList {
  return {
    prune_events: pruneEvents,
    prune_uploads: createPruneUploadsTask(),
    [MAIL_TASK]: createSendMailTask(),
    mail_notifications: createMailNotificationsTask(defaultNotificationMailDeps(deps.db)),
    [AGENT_TASKS.summary]: createSummarizeTask(deps),
    [AGENT_TASKS.draft_reply]: createDraftReplyTask(deps),
    [AGENT_TASKS.classify]: createClassifyTask(deps),
  };
}

/** Tasks that need nothing but the database connection graphile-worker gives them. */
export const maintenanceTaskList: TaskList = { prune_events: pruneEvents };

export { mailNotificationsCrontab } from "./mail-notifications";
