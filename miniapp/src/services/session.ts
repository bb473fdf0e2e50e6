/** The login token and user, persisted in storage so a reload keeps the session. */
import Taro from '@tarojs/taro';
import type { PublicUser } from '../../../shared/schemas/index';

const TOKEN_KEY = 'gy_token';
const USER_KEY = 'gy_user';
type Listener = () => void;
const listeners = new Set<Listener>();

let token: string | null = null;
let user: PublicUser | null = null;
let loaded = false;

function load() {
  if (loaded) return;
  loaded = true;
  try {
    token = Taro.getStorageSync(TOKEN_KEY) || null;
    const raw = Taro.getStorageSync(USER_KEY);
    user = raw ? (typeof raw === 'string' ? JSON.parse(raw) : raw) : null;
  } catch {
    token = null;
    user = null;
  }
}

export function getToken(): string | null {
  load();
  return token;
}

export function getUser(): PublicUser | null {
  load();
  return user;
}

export function setSession(t: string, u: PublicUser) {
  token = t;
  user = u;
  loaded = true;
  Taro.setStorageSync(TOKEN_KEY, t);
  Taro.setStorageSync(USER_KEY, JSON.stringify(u));
  listeners.forEach((l) => l());
}

export function setUser(u: PublicUser) {
  user = u;
  Taro.setStorageSync(USER_KEY, JSON.stringify(u));
  listeners.forEach((l) => l());
}

export function clearSession() {
  token = null;
  user = null;
  loaded = true;
  Taro.removeStorageSync(TOKEN_KEY);
  Taro.removeStorageSync(USER_KEY);
  listeners.forEach((l) => l());
}

export function onSessionChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
