import { integer, StandardParameterType } from '@inferschema/core';

export const request = new StandardParameterType({
  text: 'the quick brown fox',
  topK: integer(5),
  temperature: 0.7,
  seed: 42n,
  since: new Date('2024-01-31T12:00:00Z'),
  tags: ['news', 'en'],
  filters: [{ field: 'lang', value: 'en' }],
});
