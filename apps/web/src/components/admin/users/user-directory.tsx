"use client";

import { type SubmitEvent, useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage } from "~/trpc/errors";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { formText } from "../../ui/form-data";
import { Spinner } from "../../ui/spinner";
import { UserRow } from "./user-row";
import { type ModeratedUser, type Role, type UserFilters, type UsersPage, type UserStatus } from "./types";

const PAGE_SIZE = 50;
const roles: Role[] = ["member", "moderator", "admin"];
const statuses: UserStatus[] = ["active", "suspended", "banned"];
const select =
  "h-10 rounded-md border border-zinc-300 bg-white px-2 text-sm shadow-sm focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/30";

const isRole = (value: string): value is Role => roles.some((r) => r === value);
const isStatus = (value: string): value is UserStatus => statuses.some((s) => s === value);

export function UserDirectory({ firstPage }: { firstPage: UsersPage }) {
  const utils = api.useUtils();
  const [filters, setFilters] = useState<UserFilters>({});
  const input = { ...filters, limit: PAGE_SIZE };
  const unfiltered = !filters.query && !filters.role && !filters.status;
  const users = api.moderation.users.useInfiniteQuery(input, {
    getNextPageParam: (page) => page.nextCursor,
    // The server rendered the unfiltered first page only.
    ...(unfiltered ? { initialData: { pages: [firstPage], pageParams: [null] } } : {}),
  });

  function onSearch(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const query = formText(form, "query").trim();
    const role = formText(form, "role");
    const status = formText(form, "status");
    setFilters({
      ...(query ? { query } : {}),
      ...(isRole(role) ? { role } : {}),
      ...(isStatus(status) ? { status } : {}),
    });
  }

  /** A changed account replaces its row in the list being shown. */
  function put(user: ModeratedUser) {
    utils.moderation.users.setInfiniteData(input, (data) =>
      data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((u) => (u.id === user.id ? user : u)) })) } : data,
    );
  }

  const items = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-label="Accounts">
      <form onSubmit={onSearch} role="search" aria-label="Find accounts" className="mb-4 flex flex-wrap items-end gap-2">
        <div className="min-w-48 flex-1">
          <label htmlFor="user-query" className="mb-1.5 block text-sm font-medium text-zinc-800">
            Search
          </label>
          <input
            id="user-query"
            name="query"
            type="search"
            maxLength={100}
            placeholder="Name or handle"
            className="block h-10 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-sm focus:border-accent-500 focus:outline-none focus:ring-2 focus:ring-accent-500/30"
          />
        </div>
        <div>
          <label htmlFor="user-role" className="mb-1.5 block text-sm font-medium text-zinc-800">
            Role
          </label>
          <select id="user-role" name="role" className={select} defaultValue="">
            <option value="">Any role</option>
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="user-status" className="mb-1.5 block text-sm font-medium text-zinc-800">
            Status
          </label>
          <select id="user-status" name="status" className={select} defaultValue="">
            <option value="">Any status</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      </form>

      {users.isError ? <Alert className="mb-4">Could not load accounts. {errorMessage(users.error)}</Alert> : null}
      {users.isPending ? (
        <Spinner label="Loading accounts" />
      ) : items.length === 0 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-12 text-center text-sm text-zinc-600">No accounts match.</div>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white shadow-sm" data-testid="user-list">
          {items.map((user) => (
            <UserRow key={user.id} user={user} onChanged={put} />
          ))}
        </ul>
      )}
      {users.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => void users.fetchNextPage()} disabled={users.isFetchingNextPage}>
            {users.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
