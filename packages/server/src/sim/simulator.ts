/**
 * The simulator's entry point for the demo and for tests: one object holding the options, the load
 * model, the population and (on request) a traffic generator with an incident plan.
 *
 *   const sim = createSimulator({ seed: 7 });
 *   const run = sim.traffic(from, { incidents: 'default', until: to });
 *   const batch = run.advance(to);           // Transactions, metrics, logs, session events
 *   new GroundTruth(batch.transactions).ccuAt(t, 'user');
 *   run.truth;                               // what the injected incidents were
 */
import { planIncidents, type IncidentPlan } from './incidents.js';
import { LoadModel } from './load-model.js';
import { Population } from './population.js';
import { parseSimOptions, type SimOptions, type SimOptionsInput } from './sim-options.js';
import { TrafficGenerator } from './traffic-generator.js';

export interface TrafficRequest {
  /**
   * `default`: the default plan over [start, until) (needs `until`); `none`: no incidents (for
   * checks that nothing is reported); or an explicit plan.
   */
  incidents?: 'default' | 'none' | IncidentPlan;
  /** End of the window the default incident plan is spread over. */
  until?: number;
}

export interface Simulator {
  readonly options: SimOptions;
  readonly load: LoadModel;
  readonly population: Population;
  /** A generator positioned at `start` (warm: sessions and visits already running). */
  traffic(start: number, request?: TrafficRequest): TrafficGenerator;
  /** The default incident plan for [from, to). */
  defaultIncidents(from: number, to: number): IncidentPlan;
}

export function createSimulator(input: SimOptionsInput = {}): Simulator {
  const options = parseSimOptions(input);
  const load = new LoadModel(options);
  const population = new Population(options);
  const defaultIncidents = (from: number, to: number): IncidentPlan => planIncidents(options, population, from, to);
  return {
    options,
    load,
    population,
    defaultIncidents,
    traffic(start, request = {}) {
      const incidents = request.incidents ?? 'none';
      let plan: IncidentPlan = {};
      if (incidents === 'default') {
        plan = defaultIncidents(start, request.until ?? start + 3_600_000);
      } else if (incidents !== 'none') {
        plan = incidents;
      }
      return new TrafficGenerator(load, population, start, plan);
    },
  };
}
