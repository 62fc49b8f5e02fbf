// The demo community's people, labels and conversations. Plain data: src/seed/plan.ts turns
// it into rows with ids, reply trees and timestamps.

export const DEMO_PASSWORD = "parley-demo-password";

export interface DemoUser {
  displayName: string;
  handle: string;
  email: string;
  role: "member" | "moderator" | "admin";
}

export const users: DemoUser[] = [
  { displayName: "Maya Okafor", handle: "maya-okafor", email: "maya@example.com", role: "admin" },
  { displayName: "Jonas Berg", handle: "jonas-berg", email: "jonas@example.com", role: "moderator" },
  { displayName: "Priya Raman", handle: "priya-raman", email: "priya@example.com", role: "member" },
  { displayName: "Tomás Ferreira", handle: "tomas-ferreira", email: "tomas@example.com", role: "member" },
  { displayName: "Lena Fischer", handle: "lena-fischer", email: "lena@example.com", role: "member" },
  { displayName: "Sam Whitaker", handle: "sam-whitaker", email: "sam@example.com", role: "member" },
  { displayName: "Aiko Tanaka", handle: "aiko-tanaka", email: "aiko@example.com", role: "member" },
  { displayName: "Noah Levi", handle: "noah-levi", email: "noah@example.com", role: "member" },
];

export interface DemoLabel {
  name: string;
  color: string;
  description: string;
}

export const labels: DemoLabel[] = [
  { name: "bug", color: "#dc2626", description: "Something is not working as it should" },
  { name: "question", color: "#2563eb", description: "Asking the community for help or an explanation" },
  { name: "idea", color: "#16a34a", description: "A suggestion for a new feature or an improvement" },
  { name: "announcement", color: "#9333ea", description: "News from the maintainers" },
  { name: "help wanted", color: "#ea580c", description: "The maintainers would welcome a contribution" },
  { name: "documentation", color: "#0891b2", description: "Guides, reference and examples" },
  { name: "performance", color: "#ca8a04", description: "Speed, memory or load problems" },
  { name: "resolved", color: "#64748b", description: "Answered or fixed; kept for reference" },
];

export interface DemoDiscussion {
  title: string;
  /** Index into `users`. */
  author: number;
  labels: string[];
  closed: boolean;
  opening: string;
  /** Replies that belong to this topic; generic ones fill the rest of the thread. */
  replies: string[];
}

export const discussions: DemoDiscussion[] = [
  {
    title: "Welcome to Parley: start here",
    author: 0,
    labels: ["announcement"],
    closed: true,
    opening:
      "Hi everyone, and welcome! This is the place to ask questions, report bugs and suggest ideas. Please search before opening a new discussion, keep it friendly, and label your thread so the right people find it. The AI helper can summarize long threads: look for the Summarize button at the top of a discussion.",
    replies: [
      "Thanks for setting this up, Maya. Happy to be here.",
      "Is there a code of conduct we can link to from our team wiki?",
      "Yes: it is linked in the footer. The short version is: be kind, assume good intent.",
      "The summarize button is great. It turned a 60-message thread into five bullet points for me.",
      "Small thing: the welcome email still points to the old address.",
      "Fixed the link in the email template, thanks for spotting it.",
      "Closing this one so it stays at the top as a reference. Open new threads for questions!",
    ],
  },
  {
    title: "Live updates stop after the laptop wakes from sleep",
    author: 2,
    labels: ["bug"],
    closed: false,
    opening:
      "When my laptop wakes up after an hour or so, new messages no longer appear until I reload the page. No error is shown. Firefox 128 on Ubuntu, same thing in Chrome.",
    replies: [
      "Same here on macOS. The network tab shows the event stream as still pending.",
      "Sounds like the connection is silently dead. Does it recover if you switch tabs?",
      "It does not recover by switching tabs, only a full reload helps.",
      "The client should notice the missing keep-alive pings and reconnect from the last event id.",
      "I can reproduce it by toggling wifi off for two minutes. After that the stream never resumes.",
      "Good find. That makes it easy to write a test for.",
      "I have a branch that reconnects when no ping arrived for 45 seconds. Will open a PR tomorrow.",
      "Tested the branch on my machine: messages posted while I was offline appeared right after wake-up.",
    ],
  },
  {
    title: "How do I get a personal API token for scripts?",
    author: 5,
    labels: ["question", "resolved"],
    closed: true,
    opening:
      "I want a small script to post our nightly build status into a discussion. Where do I create a token, and which scopes does posting need?",
    replies: [
      "Settings, then API tokens, then New token. For posting you need the write scope.",
      "Keep the token somewhere safe: it is shown only once.",
      "Thanks! Is there an example of calling the API from TypeScript?",
      "The typed client works nicely: import the router type and pass the token as a bearer header.",
      "There is also the REST API with an OpenAPI document if your script is not TypeScript.",
      "Got it working in ten minutes. Marking this as resolved.",
      "Tip for others: give each script its own token so you can revoke one without breaking the rest.",
    ],
  },
  {
    title: "Idea: keyboard shortcuts for jumping between unread replies",
    author: 6,
    labels: ["idea"],
    closed: false,
    opening:
      "In long threads I lose track of what is new. Something like j/k to move between unread replies and r to reply to the focused message would save me a lot of scrolling.",
    replies: [
      "Yes please. Gmail-style shortcuts would feel natural.",
      "We need to be careful not to clash with screen reader shortcuts.",
      "Good point. Maybe shortcuts only when focus is in the thread, and a way to turn them off.",
      "A question mark key that shows the list of shortcuts would help discoverability.",
      "I mocked this up: unread replies get a small dot, and n jumps to the next one.",
      "Love the mock-up. The dot could fade after you have seen the message for a second.",
    ],
  },
  {
    title: "Markdown tables render without borders in dark mode",
    author: 3,
    labels: ["bug"],
    closed: false,
    opening:
      "Tables in messages have no visible borders in dark mode, so columns run together. Light mode looks fine. Screenshot attached.",
    replies: [
      "Confirmed. The border colour is the same as the background in the dark theme.",
      "Probably a missing CSS variable for table borders in the dark palette.",
      "Also affects code blocks inside tables, the background is a bit off.",
      "I can take this one if nobody else has started.",
      "Go for it, thanks Lena!",
      "PR is up. It uses the same border token as cards so both themes stay consistent.",
    ],
  },
  {
    title: "Best practice for summarizing very long threads with the AI helper?",
    author: 4,
    labels: ["question"],
    closed: false,
    opening:
      "Our support discussions often reach a few hundred messages. Does the summary look at the whole thread, and is there a way to summarize only what happened since I last read it?",
    replies: [
      "It reads the whole thread, in chunks for very long ones, then summarizes the chunk summaries.",
      "Summarizing only the unread part would be really useful for us too.",
      "For now you can ask for a draft reply, which focuses on the latest messages.",
      "Do summaries include messages that were deleted by a moderator?",
      "No, deleted messages are left out of anything the helper reads.",
      "Does it work offline? Our instance has no internet access.",
      "Without a token it falls back to the built-in offline provider. It is simpler but clearly labelled.",
    ],
  },
  {
    title: "Proposal: per-label notification settings",
    author: 7,
    labels: ["idea", "help wanted"],
    closed: false,
    opening:
      "I only care about bug and performance threads. It would be great to subscribe to labels, and get notified when a discussion gets one of them.",
    replies: [
      "This would cut my notification noise in half.",
      "Should it notify when a label is added later, or only for new discussions?",
      "Both, I think. A label added later usually means someone triaged it for you.",
      "Webhooks could carry the same events, so teams can route them to chat.",
      "Marking as help wanted: the events already exist, we need the settings page and the fan-out.",
      "I would like to try the settings page. Any pointers on where notifications live today?",
      "Start from the events outbox; every change goes through it.",
    ],
  },
  {
    title: "Release notes: threaded replies and edit history",
    author: 0,
    labels: ["announcement"],
    closed: true,
    opening:
      "This release adds threaded replies (reply to any message, nested up to a sensible depth) and edit history: every edit keeps the previous version, visible from the edited marker. Thanks to everyone who tested the preview!",
    replies: [
      "Threads make the long discussions so much easier to follow.",
      "Can authors hide an old revision if they pasted something private by mistake?",
      "Moderators can delete the message; a way to redact a single revision is on the list.",
      "Nice work. Upgrade went smoothly on our instance.",
      "Closing the announcement; please open separate threads for issues.",
    ],
  },
  {
    title: "Attachment upload fails for files with spaces in the name",
    author: 1,
    labels: ["bug", "resolved"],
    closed: true,
    opening:
      "Uploading 'quarterly report.pdf' fails with a generic error. Renaming it to quarterly-report.pdf works.",
    replies: [
      "Reproduced. The storage key was built from the raw file name.",
      "Storage keys should not contain the file name at all; keep the name as metadata.",
      "Agreed, the fix generates a random key and stores the original name separately.",
      "Fixed in the latest release, thanks for the clear report.",
      "Confirmed fixed here, uploads with spaces and accents work.",
    ],
  },
  {
    title: "Can moderators move a message into another discussion?",
    author: 1,
    labels: ["question"],
    closed: false,
    opening:
      "People sometimes answer in the wrong thread. Is there a way to move a message (and its replies) into another discussion?",
    replies: [
      "Not yet. Today the only option is to delete it and ask the author to repost.",
      "Moving replies along with it sounds tricky when they are nested deeply.",
      "The whole subtree would move, keeping the structure. The old place shows a short note.",
      "The audit log should record the move, like it does for deletions.",
      "That would be a big help for keeping support threads tidy.",
    ],
  },
  {
    title: "Docs: self-hosting with an external PostgreSQL",
    author: 4,
    labels: ["documentation"],
    closed: false,
    opening:
      "The quick start uses the embedded database. I would like a short guide for running against a managed PostgreSQL, including migrations and backups.",
    replies: [
      "Set DATABASE_URL and the embedded server is not started at all.",
      "Migrations run with the migrate command before the app starts; it is safe to run on every deploy.",
      "Which PostgreSQL versions are supported?",
      "Anything recent; CI runs against the current release.",
      "For backups, the managed provider's snapshots are enough; there is no state outside the database.",
      "I drafted the guide, would appreciate a review.",
    ],
  },
  {
    title: "Search is slow on discussions with thousands of messages",
    author: 3,
    labels: ["performance", "bug"],
    closed: false,
    opening:
      "Searching inside our biggest discussion (about 4,000 messages) takes several seconds, while small ones are instant.",
    replies: [
      "Can you share the query plan? My guess is a sequential scan over message bodies.",
      "Here is the plan: a sequential scan on messages, filtered by discussion afterwards.",
      "A full-text index on the body would help a lot here.",
      "We should also paginate results instead of returning everything at once.",
      "With a trigram index the same search takes 40 ms on a copy of our data.",
      "Nice. Let us make sure writes do not get noticeably slower with the extra index.",
    ],
  },
];

/** Replies that fit any thread; they fill each discussion up to its size. */
export const genericReplies: string[] = [
  "+1, seeing the same thing here.",
  "Thanks, that helped!",
  "Could you share the exact steps to reproduce?",
  "I would be happy to test a fix on our instance.",
  "Interesting. How does this behave with a slow connection?",
  "Agreed with the above.",
  "Following this thread.",
  "Any update on this?",
  "That makes sense to me.",
  "I am not sure I follow; could you give an example?",
  "We worked around it for now, but a proper fix would be great.",
  "Good point, I had not thought of that.",
  "Same question from our team.",
  "Just tried it again on the latest version and it still happens.",
  "This is a great idea.",
  "I think this is related to what was discussed last week.",
  "Is there an issue tracking this?",
  "Let me know if you need more details from our side.",
  "That explanation is really clear, thank you.",
  "Would a setting to turn this off be acceptable?",
  "I tested this on mobile too, same result.",
  "Looks good to me.",
  "Can we get this into the next release?",
  "Thanks everyone for the quick responses.",
  "I can confirm this works now.",
  "Maybe worth adding to the docs?",
  "Not a blocker for us, but nice to have.",
  "We see this mostly in the afternoon, when traffic peaks.",
];

/** A message that a moderator removed; it stays soft-deleted, with an audit entry. */
export const spamMessage = "Get 10,000 followers today!!! Visit the link in my profile for a special offer.";
