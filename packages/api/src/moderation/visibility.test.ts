import { describe, expect, it } from "vitest";
import { type Viewer } from "../auth/viewer";
import { type MessageView } from "../views/message";
import { eventForViewer, visibleMessagesWhere } from "./visibility";

const viewer = (id: string, role: Viewer["role"] = "member", scopes: Viewer["scopes"] = ["read", "write", "admin"]): Viewer => ({
  id,
  email: `${id}@example.test`,
  handle: id,
  displayName: id,
  role,
  status: "active",
  suspendedUntil: null,
  statusReason: null,
  createdAt: new Date(0),
  emailVerifiedAt: new Date(0),
  scopes,
  via: "session",
  tokenId: null,
});

const author = viewer("00000000-0000-7000-8000-00000000000a");
const other = viewer("00000000-0000-7000-8000-00000000000b");
const moderator = viewer("00000000-0000-7000-8000-00000000000c", "moderator");
const moderatorWithoutAdminScope = viewer("00000000-0000-7000-8000-00000000000d", "moderator", ["read", "write"]);

const message = (status: MessageView["status"]): MessageView => ({
  id: "00000000-0000-7000-8000-000000000001",
  discussionId: "00000000-0000-7000-8000-000000000002",
  parentId: null,
  author: { id: author.id, handle: "a", displayName: "A" },
  body: "the text",
  createdAt: new Date(0).toISOString(),
  editedAt: null,
  deletedAt: null,
  revisionCount: 0,
  status,
  statusReason: status === "published" ? null : "why",
  attachments: [],
});

describe("eventForViewer", () => {
  it("passes published messages to everyone", () => {
    const event = { type: "message.created", message: message("published") } as const;
    for (const v of [null, other, author, moderator]) expect(eventForViewer(v, event)).toBe(event);
  });

  it("gives held and rejected messages to their author and moderators only", () => {
    for (const status of ["held", "rejected"] as const) {
      const event = { type: "message.created", message: message(status) } as const;
      expect(eventForViewer(author, event)).toBe(event);
      expect(eventForViewer(moderator, event)).toBe(event);
      expect(eventForViewer(other, event)).toBeNull();
      expect(eventForViewer(null, event)).toBeNull();
      expect(eventForViewer(moderatorWithoutAdminScope, event)).toBeNull();
    }
  });

  it("withdraws a message others saw without its content or its files", () => {
    const attachment = {
      id: "00000000-0000-7000-8000-000000000003",
      filename: "photo.png",
      contentType: "image/png",
      size: 10,
      width: 1,
      height: 1,
      url: "/api/attachments/00000000-0000-7000-8000-000000000003",
      previewUrl: null,
    };
    const withFile = { ...message("rejected"), attachments: [attachment] };
    const event = { type: "message.updated", message: withFile, wasPublished: true } as const;
    expect(eventForViewer(other, event)).toEqual({
      type: "message.updated",
      wasPublished: true,
      message: { ...message("rejected"), body: "", statusReason: null, attachments: [] },
    });
    expect(eventForViewer(author, event)).toBe(event);
  });

  it("keeps review-queue events for moderators", () => {
    const event = {
      type: "review.item.opened",
      item: { id: message("held").id, kind: "message_flagged", status: "open", messageId: null, subjectId: null, occurrences: 1 },
    } as const;
    expect(eventForViewer(moderator, event)).toBe(event);
    expect(eventForViewer(other, event)).toBeNull();
    expect(eventForViewer(null, event)).toBeNull();
  });
});

describe("visibleMessagesWhere", () => {
  it("filters by status for readers who are not moderators", () => {
    expect(visibleMessagesWhere(null)).toEqual({ status: "published" });
    expect(visibleMessagesWhere(other)).toEqual({ OR: [{ status: "published" }, { authorId: other.id }] });
    expect(visibleMessagesWhere(moderator)).toEqual({});
  });
});
