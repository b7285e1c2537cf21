/** Yielding to the event loop from a long chain of promise continuations. */

/**
 * Resolves in a new task (not a microtask): work that only awaits promises, such as a stream fed
 * from memory, otherwise keeps its thread's message events (a worker's answers) and timers waiting
 * until it ends. A message channel, not setTimeout, so repeated yields are not clamped to 4 ms.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      channel.port2.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
