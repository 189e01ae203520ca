import { createContext, useContext } from 'react';
import type { User } from '../api/types.ts';

export const SessionContext = createContext<User | null>(null);

/** The signed-in user. Only for components under the shell, which renders nothing without a session. */
export function useUser(): User {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useUser() outside the signed-in shell');
  return user;
}
