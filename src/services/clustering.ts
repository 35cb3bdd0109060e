/**
 * Groups a week's documents into stories: reports of the same event from different sources.
 * Features are language-neutral (entity ids and quoted amounts), so documents clustered
 * together may arrive in any language. Places weigh little and never link two reports on
 * their own: almost every report names Uzbekistan and Japan.
 */

export interface ClusterInput {
  id: number;
  entities: { slug: string; kind: string }[];
  amounts: number[];
}

const WEIGHTS: Record<string, number> = { person: 3, organization: 2, place: 0.5 };
const AMOUNT_WEIGHT = 2;
/** Overlap coefficient above which two reports are the same story. */
const SAME_STORY_THRESHOLD = 0.5;
/** A feature shared by more reports than this is background, not evidence (keeps busy weeks linear). */
const MAX_POSTINGS = 40;

interface Features {
  weights: Map<string, number>;
  total: number;
}

function toFeatures(doc: ClusterInput): Features {
  const weights = new Map<string, number>();
  for (const entity of doc.entities) weights.set(`e:${entity.slug}`, WEIGHTS[entity.kind] ?? 1);
  for (const amount of doc.amounts) weights.set(`$:${amount}`, AMOUNT_WEIGHT);
  let total = 0;
  for (const weight of weights.values()) total += weight;
  return { weights, total };
}

function similarity(a: Features, b: Features): number {
  let shared = 0;
  let strongShared = false;
  for (const [feature, weight] of a.weights) {
    if (!b.weights.has(feature)) continue;
    shared += weight;
    if (weight > WEIGHTS.place!) strongShared = true;
  }
  if (!strongShared) return 0;
  return shared / Math.max(1e-9, Math.min(a.total, b.total));
}

/** Returns clusters as arrays of document ids, each sorted, in order of their smallest id. */
export function clusterDocuments(docs: readonly ClusterInput[]): number[][] {
  const features = docs.map(toFeatures);
  const parent = docs.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[index] !== root) {
      const next = parent[index]!;
      parent[index] = root;
      index = next;
    }
    return root;
  };

  // Candidate pairs only through shared strong features (inverted index), not all n² pairs.
  const postings = new Map<string, number[]>();
  features.forEach((feature, index) => {
    for (const [key, weight] of feature.weights) {
      if (weight <= WEIGHTS.place!) continue;
      const list = postings.get(key);
      if (list) list.push(index);
      else postings.set(key, [index]);
    }
  });
  const compared = new Set<number>();
  for (const list of postings.values()) {
    if (list.length < 2 || list.length > MAX_POSTINGS) continue;
    for (let i = 0; i < list.length; i += 1) {
      for (let j = i + 1; j < list.length; j += 1) {
        const a = list[i]!;
        const b = list[j]!;
        const key = a * docs.length + b;
        if (compared.has(key)) continue;
        compared.add(key);
        if (find(a) === find(b)) continue;
        if (similarity(features[a]!, features[b]!) >= SAME_STORY_THRESHOLD) parent[find(b)] = find(a);
      }
    }
  }

  const groups = new Map<number, number[]>();
  docs.forEach((doc, index) => {
    const root = find(index);
    const group = groups.get(root);
    if (group) group.push(doc.id);
    else groups.set(root, [doc.id]);
  });
  return [...groups.values()].map((ids) => ids.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}
