/**
 * The simulated population: registered users (id, visitor cookie or none, home IP, NAT office),
 * and crawlers with bot user agents. Built from the seed alone, so history, raw traffic and live
 * traffic share the same people.
 */
import { AliasTable, Rng } from './prng.js';
import type { SimOptions } from './sim-options.js';

export interface SimUser {
  index: number;
  /** Authenticated id (`enduser.id`). */
  userId: string;
  /** Persistent visitor cookie; undefined for cookie-less browsers. */
  visitorId?: string;
  homeIp: string;
  /** Index into `Population.offices`, when the user works from a NAT office. */
  office?: number;
  userAgent: string;
  /** Relative activity: heavy users come back more often. */
  weight: number;
}

export interface Office {
  name: string;
  /** The one public address all of the office's users appear behind. */
  ip: string;
}

export interface Crawler {
  name: string;
  ip: string;
  userAgent: string;
  /** Mean seconds between two requests. */
  intervalSeconds: number;
}

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S921N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
];

const CRAWLERS: Omit<Crawler, 'ip'>[] = [
  {
    name: 'Googlebot',
    userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    intervalSeconds: 20,
  },
  { name: 'Yeti', userAgent: 'Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)', intervalSeconds: 30 },
  {
    name: 'bingbot',
    userAgent: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    intervalSeconds: 45,
  },
  { name: 'uptime-probe', userAgent: 'Blackbox-Exporter/0.25.0', intervalSeconds: 15 },
  {
    name: 'AhrefsBot',
    userAgent: 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
    intervalSeconds: 60,
  },
  {
    name: 'Daumoa',
    userAgent: 'Mozilla/5.0 (compatible; Daum/4.1; +http://cs.daum.net/faq/15/4118.html)',
    intervalSeconds: 50,
  },
  {
    name: 'SemrushBot',
    userAgent: 'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)',
    intervalSeconds: 70,
  },
  { name: 'health-check', userAgent: 'kube-probe/1.31', intervalSeconds: 10 },
];

function publicIp(rng: Rng): string {
  // Avoid private and reserved first octets so addresses look like real client addresses.
  const first = [1, 14, 27, 39, 49, 58, 59, 61, 106, 110, 112, 114, 118, 121, 125, 175, 180, 182, 211, 218, 220, 222];
  return `${rng.pick(first)}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
}

export class Population {
  readonly users: SimUser[];
  readonly offices: Office[];
  readonly crawlers: Crawler[];
  private readonly picker: AliasTable;

  constructor(options: SimOptions) {
    const rng = Rng.derive(options.seed, 'population');
    this.offices = Array.from({ length: options.offices }, (_, i) => ({
      name: `office-${i + 1}`,
      ip: `211.${40 + i}.${rng.int(256)}.${1 + rng.int(254)}`,
    }));
    // Office sizes differ: head office is big, branches are small.
    const officeWeights = new AliasTable(this.offices.map((_, i) => 1 / (i + 1)));
    this.users = Array.from({ length: options.users }, (_, index) => {
      const user: SimUser = {
        index,
        userId: `u${String(100000 + index)}`,
        homeIp: publicIp(rng),
        userAgent: rng.pick(BROWSERS),
        weight: Math.exp(rng.normal(0, 0.8)),
      };
      if (!rng.chance(options.cookielessShare)) user.visitorId = `v-${rng.hex(16)}`;
      if (rng.chance(options.officeShare)) user.office = officeWeights.sample(rng);
      return user;
    });
    this.crawlers = CRAWLERS.slice(0, options.crawlers).map((c) => ({ ...c, ip: publicIp(rng) }));
    this.picker = new AliasTable(this.users.map((u) => u.weight));
  }

  /** A user drawn by activity weight. */
  pickUser(rng: Rng): SimUser {
    return this.users[this.picker.sample(rng)] as SimUser;
  }

  /** Client address of the user at t: the office NAT address in office hours, else home. */
  ipOf(user: SimUser, localHour: number, weekend: boolean): string {
    if (user.office !== undefined && !weekend && localHour >= 8 && localHour < 19) {
      return (this.offices[user.office] as Office).ip;
    }
    return user.homeIp;
  }
}
