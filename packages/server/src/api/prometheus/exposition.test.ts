import { describe, expect, it } from 'vitest';
import { renderExposition } from './exposition.js';

describe('renderExposition', () => {
  it('writes HELP, TYPE, escaped labels and cumulative histogram buckets', () => {
    const text = renderExposition([
      {
        type: 'gauge',
        name: 'g',
        help: 'a gauge\nwith newline',
        samples: [{ labels: { instance: 'a"b\\c' }, value: 3 }],
      },
      { type: 'counter', name: 'c_total', help: 'a counter', samples: [{ labels: {}, value: 7 }] },
      {
        type: 'histogram',
        name: 'h_seconds',
        help: 'a histogram',
        samples: [{ labels: { instance: 'x' }, bounds: [0.1, 1], counts: [2, 3, 1], sum: 4.5 }],
      },
    ]);
    expect(text).toBe(
      [
        '# HELP g a gauge\\nwith newline',
        '# TYPE g gauge',
        'g{instance="a\\"b\\\\c"} 3',
        '# HELP c_total a counter',
        '# TYPE c_total counter',
        'c_total 7',
        '# HELP h_seconds a histogram',
        '# TYPE h_seconds histogram',
        'h_seconds_bucket{instance="x",le="0.1"} 2',
        'h_seconds_bucket{instance="x",le="1"} 5',
        'h_seconds_bucket{instance="x",le="+Inf"} 6',
        'h_seconds_sum{instance="x"} 4.5',
        'h_seconds_count{instance="x"} 6',
        '',
      ].join('\n'),
    );
  });
});
