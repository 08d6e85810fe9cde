export class EventEmitter {
  constructor() {
    this.listeners = new Map();
  }

  on(name, listener) {
    if (!this.listeners.has(name)) {
      this.listeners.set(name, []);
    }
    this.listeners.get(name).push(listener);
    return this;
  }

  off(name, listener) {
    const listeners = this.listeners.get(name);
    if (!listeners) {
      return this;
    }
    this.listeners.set(name, listeners.filter((item) => item !== listener));
    return this;
  }

  emit(name, ...args) {
    const listeners = this.listeners.get(name);
    if (!listeners) {
      return false;
    }
    for (const listener of listeners) {
      listener(...args);
    }
    return true;
  }
}

export function debounce(fn, delay) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), delay);
  };
}

export function once(fn) {
  let called = false;
  let result;
  return (...args) => {
    if (!called) {
      called = true;
      result = fn(...args);
    }
    return result;
  };
}
