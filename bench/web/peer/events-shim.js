// Node's EventEmitter, as much as ShareDB's browser client uses (esbuild does not polyfill node built-ins).
// A function constructor, not a class: ShareDB calls EventEmitter.call(this).
export function EventEmitter() { this._l = new Map(); }
const list = (self, e) => { if (!self._l) self._l = new Map(); if (!self._l.has(e)) self._l.set(e, []); return self._l.get(e); };
Object.assign(EventEmitter.prototype, {
  on(e, f) { list(this, e).push(f); return this; },
  addListener(e, f) { return this.on(e, f); },
  prependListener(e, f) { list(this, e).unshift(f); return this; },
  once(e, f) { const w = (...a) => { this.off(e, w); f.apply(this, a); }; w.listener = f; return this.on(e, w); },
  off(e, f) { const l = list(this, e); const i = l.findIndex((x) => x === f || x.listener === f); if (i >= 0) l.splice(i, 1); return this; },
  removeListener(e, f) { return this.off(e, f); },
  removeAllListeners(e) { if (!this._l) return this; if (e === undefined) this._l.clear(); else this._l.delete(e); return this; },
  emit(e, ...a) { const l = list(this, e); if (!l.length) { if (e === 'error') throw a[0]; return false; } for (const f of [...l]) f.apply(this, a); return true; },
  listeners(e) { return [...list(this, e)]; },
  listenerCount(e) { return list(this, e).length; },
  setMaxListeners() { return this; },
});
EventEmitter.EventEmitter = EventEmitter;
export default EventEmitter;
