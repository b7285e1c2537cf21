/** A stand-in for the browser's Worker in Node tests: comlink traffic goes over a MessageChannel to an API object, and `crash()` fires the `error` event a dying worker fires. */
import * as Comlink from 'comlink';

/** A Worker class whose instances expose the object `api(index)` returns; instances are recorded in creation order. */
export function fakeWorkerClass(api: (index: number) => object) {
  return class FakeWorker {
    static instances: FakeWorker[] = [];
    private readonly port: MessagePort;
    private readonly errorListeners: ((e: { message: string }) => void)[] = [];
    readonly id: number;

    constructor() {
      this.id = FakeWorker.instances.length;
      const { port1, port2 } = new MessageChannel();
      this.port = port1;
      Comlink.expose(api(this.id), port2);
      port1.start();
      FakeWorker.instances.push(this);
    }
    postMessage(message: unknown, transfer?: Transferable[]) {
      this.port.postMessage(message, transfer ?? []);
    }
    addEventListener(type: string, listener: (e: never) => void) {
      if (type === 'error') this.errorListeners.push(listener as never);
      else this.port.addEventListener(type, listener as never);
    }
    removeEventListener(type: string, listener: (e: never) => void) {
      this.port.removeEventListener(type, listener as never);
    }
    terminate() {
      this.port.close();
    }
    crash(message: string) {
      for (const l of this.errorListeners) l({ message });
    }
  };
}
