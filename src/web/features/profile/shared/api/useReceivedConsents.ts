import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import { queryKeys, type ReceivedConsentListParams } from '../../../../api/query-keys.ts';
import type { Page, ReceivedConsent } from '../../../../api/types.ts';

/** Consents the caller's bank or service provider received. */
export function useReceivedConsents(params: ReceivedConsentListParams) {
  return useQuery({
    queryKey: queryKeys.consents.received(params),
    queryFn: ({ signal }) => api.get<Page<ReceivedConsent>>('/api/consents/received', { ...params }, { signal }),
    placeholderData: keepPreviousData,
  });
}
