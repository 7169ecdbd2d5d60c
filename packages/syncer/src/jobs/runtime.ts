// Time behind small interfaces, so job tests can run without real waiting.
export interface Clock {
  now(): number;
}

export interface Sleeper {
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now() };

export const realSleeper: Sleeper = {
  sleep: (ms) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
    }),
};
