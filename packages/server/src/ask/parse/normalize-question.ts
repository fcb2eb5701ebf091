/**
 * Puts a question into one canonical spelling before anything matches it: Unicode and case folding,
 * the spacing variants Korean allows ("지난 주" / "지난주"), and the typos operators actually make
 * ("동시접솓자", "씨피유"). Matching runs on both the spaced text and a space-free copy, so
 * "동시 접속자", "동시접속자" and "동시 접속 자" all meet the same pattern.
 */

export interface NormalizedQuestion {
  /** Lower-case, NFKC, single spaces, typos fixed. */
  text: string;
  /** `text` without the whitespace next to Hangul: Korean patterns are written against this. */
  compact: string;
}

// Order matters: typo fixes first, then spacing joins that later patterns rely on.
const REWRITES: ReadonlyArray<readonly [RegExp, string]> = [
  [/[‐‑‒–—―]/g, '-'],
  [/[“”„″]/g, '"'],
  [/[‘’‚′]/g, "'"],
  [/~|〜|∼/g, '~'],
  [/접\s*[솓솏쏙]/g, '접속'],
  [/동\s*젒/g, '동접'],
  [/셰션|세선|섹션/g, '세션'],
  [/씨\s*피\s*유|씨퓨/g, 'cpu'],
  [/피디에프/g, 'pdf'],
  [/레포트|리폿|리퐅/g, '리포트'],
  [/로긴/g, '로그인'],
  [/엑셀|\bexcel\b|엑쎌/g, 'xlsx'],
  [/\bconcurent|\bconcurrnet|\bconcurrant/g, 'concurrent'],
  [/\bsesions?\b|\bsessoins?\b/g, 'sessions'],
  [/\b(yesterady|yestreday|yesteray)\b/g, 'yesterday'],
  // English typos with one letter dropped, doubled or swapped, in the words the cues rely on.
  [/\b(usres|uesrs|usrs)\b/g, 'users'],
  [/\b(serer|sever|servr|sevrer)s\b/g, 'servers'],
  [/\b(capcity|capacty|capaciy|capasity)\b/g, 'capacity'],
  [/\b(reprot|reoprt|repot|rpeort)(s?)\b/g, 'report$2'],
  [/\b(avrage|averge|avarage)\b/g, 'average'],
  [/\b(trafic|trafffic|traffc)\b/g, 'traffic'],
  [/\b(sesion|sesson|sessoin)(s?)\b/g, 'session$2'],
  [/\b(instnace|instacne|intance)(s?)\b/g, 'instance$2'],
  // Chat shorthand: "ppl online rn?", "how many users atm".
  [/\bppl\b/g, 'people'],
  [/\brn\b/g, 'right now'],
  [/\batm\b/g, 'at the moment'],
  [/\b(pls|plz)\b/g, 'please'],
  [/\bw\/(?=\s|$)/g, 'with'],
  // Korean typos and colloquial spellings: dropped or doubled batchim, transliterated English.
  [/접쏙|접숙/g, '접속'],
  [/사용쟈/g, '사용자'],
  [/리포드/g, '리포트'],
  [/서벼|써버/g, '서버'],
  [/메로리|메모래/g, '메모리'],
  [/유져/g, '유저'],
  // Not 전+달: 전달 means "deliver" ("리포트 전달해줘").
  [/(지난|저번)\s*(주|달)(?!\s*\d)/g, '지난$2'],
  [/(이번|금)\s*(주|달)/g, '이번$2'],
  [/(^|\s)이달(?=\s|의|에|$)/g, '$1이번달'],
  [/저번주|전주/g, '지난주'],
  [/저번달|전월/g, '지난달'],
  [/지난\s*해|전년(?!\s*대비)/g, '작년'],
  [/금년|올\s*해/g, '올해'],
  [/\s+/g, ' '],
];

export function normalizeQuestion(raw: string): NormalizedQuestion {
  let text = raw.normalize('NFKC').toLowerCase();
  for (const [re, to] of REWRITES) text = text.replace(re, to);
  text = text.trim();
  // Only spaces next to Hangul go: joining English words made false cues ("is load" → "slo").
  return { text, compact: text.replace(/\s+(?=[\uac00-\ud7a3])|(?<=[\uac00-\ud7a3])\s+/g, '') };
}
