import type { Metric, Registry } from 'prom-client';

type Labels = Readonly<Record<string, string>>;

interface Series {
  readonly labels: Labels;
  count: number;
  sum: number;
  /** Observations at or below each bucket bound (histograms only). */
  readonly buckets: Float64Array;
}

interface MetricValue {
  readonly value: number;
  readonly labels: Record<string, string | number>;
  readonly metricName?: string;
}

/**
 * A Prometheus counter or histogram that records on the request path at the cost of one map lookup by a key
 * the caller builds, and turns its series into prom-client values only when scraped. (prom-client's own
 * metrics hash their label objects on every observation, a measurable share of a small request.) It is
 * registered in a prom-client `Registry`, so it is listed, summed across cluster workers and formatted as
 * prom-client's own.
 */
export class SeriesMetric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  readonly aggregator = 'sum';
  readonly #bounds: readonly number[];
  readonly #series = new Map<string, Series>();

  constructor(options: { name: string; help: string; type: 'counter' | 'histogram'; buckets?: readonly number[]; registry: Registry }) {
    this.name = options.name;
    this.help = options.help;
    this.type = options.type;
    this.#bounds = options.buckets ?? [];
    options.registry.registerMetric(this as unknown as Metric);
  }

  /**
   * Adds one observation (a count of 1 for a counter, `value` for a histogram) to the series `key`;
   * `labels` is called only the first time the key is seen.
   */
  record(key: string, labels: () => Labels, value = 1): void {
    let series = this.#series.get(key);
    if (!series) {
      series = { labels: labels(), count: 0, sum: 0, buckets: new Float64Array(this.#bounds.length) };
      this.#series.set(key, series);
    }
    series.count += 1;
    series.sum += value;
    const bounds = this.#bounds;
    for (let index = bounds.length - 1; index >= 0 && value <= bounds[index]!; index -= 1) series.buckets[index]! += 1;
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: MetricValue[] } {
    const values: MetricValue[] = [];
    for (const series of this.#series.values()) {
      if (this.type === 'counter') {
        values.push({ value: series.count, labels: { ...series.labels } });
        continue;
      }
      this.#bounds.forEach((bound, index) => values.push({ value: series.buckets[index]!, labels: { ...series.labels, le: bound }, metricName: `${this.name}_bucket` }));
      values.push({ value: series.count, labels: { ...series.labels, le: '+Inf' }, metricName: `${this.name}_bucket` });
      values.push({ value: series.sum, labels: { ...series.labels }, metricName: `${this.name}_sum` });
      values.push({ value: series.count, labels: { ...series.labels }, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    this.#series.clear();
  }
}
