import type { ComponentType } from 'react';
import { useOutletContext } from 'react-router';

/** One entry of the signed-in user's menu in the current area, as the layout shows it. */
export interface AreaMenuEntry {
  id: string;
  path: string;
  label: string;
  icon: ComponentType;
}

/**
 * The menu the layout built for this user and area, handed to its pages through the outlet context, so a page
 * (the welcome page's shortcuts) can list the user's work without importing the route table, which imports it.
 */
export function useAreaMenu(): readonly AreaMenuEntry[] {
  return useOutletContext<{ menu?: readonly AreaMenuEntry[] } | undefined>()?.menu ?? [];
}
