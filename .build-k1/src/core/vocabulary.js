"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IDIOMS = exports.DEFAULT_EPHEMERAL_VOCABULARY = exports.DEFAULT_CRITICAL_VOCABULARY = void 0;
exports.wordsOf = wordsOf;
exports.wordMatches = wordMatches;
exports.findVocabulary = findVocabulary;
exports.significantWords = significantWords;
// Word matching for names and payloads: splits identifiers into words and matches vocabulary with inflections.
exports.DEFAULT_CRITICAL_VOCABULARY = [
    'order', 'payment', 'invoice', 'billing', 'transaction', 'ledger', 'transfer', 'refund', 'checkout', 'purchase', 'audit', 'balance', 'shipment', 'inventory',
];
exports.DEFAULT_EPHEMERAL_VOCABULARY = [
    'cache', 'invalidate', 'presence', 'typing', 'heartbeat', 'ping', 'metrics', 'progress', 'notification',
];
/** `orders:created`, `orderId`, `PAYMENT_DONE` → lowercase words. */
function wordsOf(text) {
    return text
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
}
const SUFFIXES = ['', 's', 'es', 'ed', 'd', 'ing', 'ion', 'ions', 'er', 'ers'];
/** Does `word` equal a vocabulary entry or one of its plain inflections (orders, invalidated, billing)? */
function wordMatches(word, entry) {
    const e = entry.toLowerCase();
    if (word === e)
        return true;
    const stems = [e];
    if (e.endsWith('e'))
        stems.push(e.slice(0, -1));
    if (e.endsWith('y'))
        stems.push(`${e.slice(0, -1)}ie`);
    return stems.some((stem) => word.startsWith(stem) && SUFFIXES.includes(word.slice(stem.length)));
}
/** The first vocabulary entry any of the words matches. */
function findVocabulary(words, vocabulary) {
    for (const entry of vocabulary) {
        const entryWords = wordsOf(entry);
        if (entryWords.length > 1) {
            const joined = ` ${words.join(' ')} `;
            if (joined.includes(` ${entryWords.join(' ')} `))
                return { word: entry, entry };
            continue;
        }
        const hit = words.find((w) => wordMatches(w, entry));
        if (hit)
            return { word: hit, entry };
    }
    return undefined;
}
/** Phrases in which a vocabulary word means something else: a sort order, a load balancer, a status "in progress". */
exports.IDIOMS = ['sort order', 'display order', 'z order', 'tab order', 'byte order', 'load balance', 'in progress', 'file transfer'];
/** The words outside idioms (each idiom word may be inflected: "load balancer", "sort orders"). */
function significantWords(words, idioms = exports.IDIOMS) {
    const skip = new Set();
    for (const idiom of idioms.map(wordsOf)) {
        for (let i = 0; i + idiom.length <= words.length; i++) {
            if (idiom.every((w, j) => wordMatches(words[i + j], w)))
                idiom.forEach((_, j) => skip.add(i + j));
        }
    }
    return words.filter((_, i) => !skip.has(i));
}
//# sourceMappingURL=vocabulary.js.map