/** Upper bounds (seconds) of the request-duration buckets: from a cached read to a slow checkout. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/** A value read when Prometheus scrapes: a queue length, a lag, a pool size. */
export interface Gauge {
  name: string;
  help: string;
  /** `counter` for a total that only grows (named `…_total`); a gauge by default. */
  type?: 'gauge' | 'counter';
  read(): number | Promise<number>;
}

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * The process's Prometheus metrics: request durations by route (the route's pattern, never the
 * raw path, so ids do not multiply the series) and gauges that modules register.
 */
export class Metrics {
  readonly #requests = new Map<string, Histogram>();
  readonly #gauges = new Map<string, Gauge>();

  /** Records one answered request. `route` is the matched pattern, e.g. `/v1/collectivities/:c/cart`. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${escapeLabel(method)}",route="${escapeLabel(route)}",status="${status}"`;
    let histogram = this.#requests.get(key);
    if (!histogram) {
      histogram = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.#requests.set(key, histogram);
    }
    for (let i = 0; i < BUCKETS.length; i++)
      if (seconds <= (BUCKETS[i] ?? 0)) histogram.counts[i] = (histogram.counts[i] ?? 0) + 1;
    histogram.sum += seconds;
    histogram.count += 1;
  }

  /** Registers (or replaces) a gauge read at each scrape. */
  gauge(gauge: Gauge): void {
    this.#gauges.set(gauge.name, gauge);
  }

  /** The Prometheus text exposition format (version 0.0.4). A gauge that fails to read is left out. */
  async render(): Promise<string> {
    const lines = [
      '# HELP foyer_http_request_duration_seconds Time to answer a request, by method, route pattern and status.',
      '# TYPE foyer_http_request_duration_seconds histogram',
    ];
    for (const [labels, h] of this.#requests) {
      BUCKETS.forEach((bound, i) => {
        lines.push(`foyer_http_request_duration_seconds_bucket{${labels},le="${bound}"} ${h.counts[i] ?? 0}`);
      });
      lines.push(`foyer_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      lines.push(`foyer_http_request_duration_seconds_sum{${labels}} ${h.sum}`);
      lines.push(`foyer_http_request_duration_seconds_count{${labels}} ${h.count}`);
    }
    for (const gauge of this.#gauges.values()) {
      const value = await Promise.resolve()
        .then(() => gauge.read())
        .catch(() => undefined);
      if (value === undefined || !Number.isFinite(value)) continue;
      lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} ${gauge.type ?? 'gauge'}`, `${gauge.name} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** What the process knows about itself at run time: its metrics, and whether it is draining. */
export interface Runtime {
  metrics: Metrics;
  /** Set when the process stops taking work (SIGTERM): `/readyz` then fails so the proxy moves on. */
  draining: boolean;
}

export function createRuntime(): Runtime {
  return { metrics: new Metrics(), draining: false };
}
