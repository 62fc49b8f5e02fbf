import { type PrismaPg } from "@prisma/adapter-pg";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type AdapterFactory = Pick<PrismaPg, "provider" | "adapterName" | "connect">;

/**
 * Prisma's query interpreter loads relations with `Promise.all`; inside an interactive
 * transaction those queries all go to the transaction's one pg client at once, which pg 8.19+
 * deprecates and pg 9 refuses ("client.query() when the client is already executing a query",
 * prisma/orm#29646, fix pending in prisma/orm#29979). This wraps the adapter so that each
 * transaction runs its statements one after another; queries outside transactions still go
 * to the pool in parallel.
 */
export function serializeTransactions(factory: PrismaPg): AdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      return new Proxy(adapter, {
        get(target, property, receiver) {
          if (property === "startTransaction") {
            return async (...args: Parameters<Adapter["startTransaction"]>) =>
              serialized(await target.startTransaction(...args));
          }
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === "function" ? (value.bind(target) as unknown) : value;
        },
      });
    },
  };
}

function serialized(transaction: Transaction): Transaction {
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <R>(run: () => Promise<R>): Promise<R> => {
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
  return new Proxy(transaction, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      const method = value.bind(target) as (...args: unknown[]) => unknown;
      if (
        property === "queryRaw" ||
        property === "executeRaw" ||
        property === "commit" ||
        property === "rollback"
      ) {
        return (...args: unknown[]) => inTurn(() => Promise.resolve(method(...args)));
      }
      return method;
    },
  });
}
