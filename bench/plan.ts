/** How much each phase does, in a quick run (while developing) and a full one (for the report). */
export interface Plan {
  levels: number[];
  seconds: number;
  routers: number;
  rates: number[];
  secondsPerRate: number;
  pings: number;
  requests: number;
  /** Idle sockets held at each memory step; the cost of one is the slope between the last two. */
  memorySteps: number[];
  idleMs: number;
  /** The full run sizes the soak from the CPU it measured; the quick one runs this many. */
  soak: { maxConversations: number; fixed: boolean; seconds: number };
  history: number[];
  /** Chats in the reports' synthetic year. */
  reports: number;
  repeat: number;
  /** Parley under wrangler dev: one load level, and the lowest routing rate for CPU per chat. */
  wrangler: { conversations: number; seconds: number };
  /** A row with permessage-deflate offered, to show what compression costs. */
  compressionRow: boolean;
}

export const QUICK: Plan = {
  levels: [1, 20, 100],
  seconds: 5,
  routers: 8,
  rates: [5, 10, 20, 40],
  secondsPerRate: 2,
  pings: 1000,
  requests: 200,
  memorySteps: [500, 1000],
  idleMs: 5_000,
  soak: { maxConversations: 50, fixed: true, seconds: 20 },
  history: [100_000],
  reports: 36_500,
  repeat: 10,
  wrangler: { conversations: 20, seconds: 5 },
  compressionRow: false,
};

export const FULL: Plan = {
  levels: [1, 100, 1000],
  seconds: 20,
  routers: 8,
  rates: [5, 10, 20, 40, 80, 160],
  secondsPerRate: 6,
  pings: 3000,
  requests: 500,
  memorySteps: [500, 1000, 2000],
  idleMs: 10_000,
  soak: { maxConversations: 1000, fixed: false, seconds: 150 },
  history: [100_000, 1_000_000],
  reports: 365_000,
  repeat: 20,
  wrangler: { conversations: 100, seconds: 20 },
  compressionRow: true,
};
