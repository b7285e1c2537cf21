// <azl-playground-example>: live azl-playground examples for documentation pages (README "Embedding").
//   <script src="https://…/embed.js" defer></script>
//   <azl-playground-example project="demo" image="vm-base" view="packages" theme="auto" loading="lazy">
//     <script type="application/toml" data-path="base/images/images.toml">…</script>
//   </azl-playground-example>
// Creates an iframe of embed.html beside this script, sizes it to its content, and re-dispatches the
// frame's events as DOM events (azl-resolved, azl-error, azl-ready). el.call(method, params) sends a
// postMessage API v1 request and resolves with its result.
(() => {
  const script = document.currentScript;
  const EMBED = new URL('embed.html', script ? script.src : location.href);
  const ORIGIN = EMBED.origin;
  let counter = 0;

  // the share payload: base64url without padding of gzip(UTF-8 JSON), as the playground writes it
  const shareHash = async (payload) => {
    const stream = new Blob([JSON.stringify(payload)]).stream().pipeThrough(new CompressionStream('gzip'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return `#v1/${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
  };

  // inline files lose the indentation the page's markup gave them
  const dedent = (text) => {
    const lines = text.replace(/^\n/, '').replace(/\s+$/, '').split('\n');
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length));
    return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
  };

  class AzlPlaygroundExample extends HTMLElement {
    constructor() {
      super();
      this.pending = new Map();
      this.ready = false;
    }

    static get observedAttributes() {
      return ['project', 'image', 'view', 'theme', 'editable'];
    }

    connectedCallback() {
      if (this.frame || this.waiting) return;
      this.style.display ||= 'block';
      const loading = this.getAttribute('loading') || 'lazy';
      if (loading === 'eager') return void this.load();
      if (loading === 'click') {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = `Load the ${this.getAttribute('image') || 'example'} example`;
        button.onclick = () => this.load();
        this.waiting = button;
        return void this.append(button);
      }
      this.waiting = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && this.load(), { rootMargin: '200px' });
      this.waiting.observe(this);
    }

    disconnectedCallback() {
      if (this.waiting instanceof IntersectionObserver) this.waiting.disconnect();
      if (this.listener) window.removeEventListener('message', this.listener);
    }

    attributeChangedCallback() {
      if (this.frame) void this.render();
    }

    /** Creates the frame (once; later calls wait for the first). */
    load() {
      this.loading ||= this.render();
      return this.loading;
    }

    async render() {
      if (this.waiting instanceof IntersectionObserver) this.waiting.disconnect();
      else if (this.waiting) this.waiting.remove();
      this.waiting = undefined;
      this.ready = false;
      const project = this.getAttribute('project') || 'demo';
      const image = this.getAttribute('image') || '';
      const query = new URLSearchParams({ project, view: this.getAttribute('view') || 'packages', theme: this.getAttribute('theme') || 'auto', editable: this.hasAttribute('editable') && this.getAttribute('editable') !== '0' ? '1' : '0', host: location.origin });
      if (image) query.set('image', image);
      for (const name of ['accent', 'font']) if (this.hasAttribute(name)) query.set(name, this.getAttribute(name));
      const files = {};
      for (const s of this.querySelectorAll('script[type="application/toml"][data-path], script[type="text/plain"][data-path]')) files[s.dataset.path] = dedent(s.textContent);
      const hash = Object.keys(files).length ? await shareHash({ base: project, files, image, profile: this.getAttribute('profile'), settings: { arch: 'x86_64' } }) : '';
      const frame = this.frame || document.createElement('iframe');
      frame.title = this.getAttribute('title') || `azl-playground: ${image || project}`;
      frame.loading = 'eager';
      frame.style.cssText = 'width:100%;border:0;display:block;min-height:6rem;color-scheme:normal';
      frame.src = `${EMBED.href}?${query}${hash}`;
      if (!this.frame) {
        this.frame = frame;
        this.listener = (event) => this.onMessage(event);
        window.addEventListener('message', this.listener);
        this.append(frame);
      }
    }

    onMessage(event) {
      const data = event.data;
      if (event.origin !== ORIGIN || event.source !== this.frame.contentWindow || !data || data.azl !== 1) return;
      if (data.event === 'resize') this.frame.style.height = `${data.data.height}px`;
      else if (data.event) {
        if (data.event === 'ready') this.ready = true;
        this.dispatchEvent(new CustomEvent(`azl-${data.event}`, { detail: data.data, bubbles: true }));
      } else if (this.pending.has(data.id)) {
        const { resolve, reject } = this.pending.get(data.id);
        this.pending.delete(data.id);
        if (data.ok) resolve(data.result);
        else reject(new Error(data.error.message));
      }
    }

    /** Calls the embed's API: getResult, getExport {format}, setFiles {files}, setImage {image, profile}. */
    call(method, params = {}) {
      void this.load();
      const id = `azl-${++counter}`;
      return new Promise((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        const send = () => this.frame && this.frame.contentWindow.postMessage({ azl: 1, id, method, params }, ORIGIN);
        // the first request waits until the embed says it is ready
        if (this.ready) send();
        else this.addEventListener('azl-ready', send, { once: true });
      });
    }
  }

  if (!customElements.get('azl-playground-example')) customElements.define('azl-playground-example', AzlPlaygroundExample);
})();
