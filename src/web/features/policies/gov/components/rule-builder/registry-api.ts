/**
 * The registry lists the rule builder offers (GET /api/certification-types, /api/industry-sets, /api/record-types):
 * read from the server, so a type or set a data administrator adds is offered at once, nothing compiled in.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../../api/client.ts';

const STALE_MS = 10 * 60_000;

export interface CertificationTypeItem {
  code: string;
  nameZh: string;
  nameEn: string;
  levels: ('national' | 'provincial' | 'city' | 'county')[];
  issuingBodyZh: string;
  issuingBodyEn: string;
}

export interface IndustrySetItem {
  code: string;
  nameZh: string;
  nameEn: string;
  sourceZh: string;
}

export interface RecordFieldItem {
  code: string;
  nameZh: string;
  nameEn: string;
  type: 'number' | 'money' | 'date' | 'code' | 'yesno' | 'text';
  unit?: string | null;
  codes?: { code: string; nameZh: string; nameEn: string }[] | null;
}

export interface RecordTypeItem {
  code: string;
  nameZh: string;
  nameEn: string;
  countUnit: 'person' | 'count';
  dateField: string | null;
  fields: RecordFieldItem[];
}

export function useCertificationTypes() {
  return useQuery({ queryKey: ['rule-builder', 'certification-types'], queryFn: ({ signal }) => api.get<CertificationTypeItem[]>('/api/certification-types', undefined, { signal }), staleTime: STALE_MS });
}

export function useIndustrySets() {
  return useQuery({ queryKey: ['rule-builder', 'industry-sets'], queryFn: ({ signal }) => api.get<IndustrySetItem[]>('/api/industry-sets', undefined, { signal }), staleTime: STALE_MS });
}

export function useRecordTypes() {
  return useQuery({ queryKey: ['rule-builder', 'record-types'], queryFn: ({ signal }) => api.get<RecordTypeItem[]>('/api/record-types', undefined, { signal }), staleTime: STALE_MS });
}
