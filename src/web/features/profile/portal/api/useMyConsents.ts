import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys } from '../../../../api/query-keys.ts';
import type { Consent, GrantConsentInput, Grantee } from '../../../../api/types.ts';

/** Every consent the own enterprise gave, history included. */
export function useMyConsents() {
  return useQuery({
    queryKey: queryKeys.consents.mine,
    queryFn: ({ signal }) => api.get<Consent[]>('/api/me/consents', undefined, { signal }),
  });
}

/** Banks and service providers an enterprise may authorise. */
export function useGrantees(enabled = true) {
  return useQuery({
    queryKey: queryKeys.consents.grantees,
    queryFn: ({ signal }) => api.get<Grantee[]>('/api/consent-grantees', undefined, { signal }),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export function useGrantConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: GrantConsentInput) => api.post<Consent>('/api/me/consents', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.consents.all }),
  });
}

/** Revokes a consent at once (idempotent on the server). */
export function useRevokeConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<Consent>(`/api/me/consents/${id}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.consents.all }),
  });
}
