import { useEffect, useState } from 'react';
import type { PublicUser } from '../../../shared/schemas/index';
import { getToken, getUser, onSessionChange } from '../services/session';

/** The logged-in user (or null), re-rendering on login and logout. */
export function useSession(): { user: PublicUser | null; loggedIn: boolean } {
  const [, force] = useState(0);
  useEffect(() => onSessionChange(() => force((n) => n + 1)), []);
  return { user: getUser(), loggedIn: !!getToken() };
}
