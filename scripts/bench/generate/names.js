// Vocabulary of the generated shop: domains, nouns, module kinds, and the unique names of generated modules.

const DOMAINS = [
  'accounts', 'analytics', 'auth', 'billing', 'catalog', 'checkout', 'customers', 'fulfilment', 'inventory', 'loyalty',
  'notifications', 'orders', 'payments', 'pricing', 'reporting', 'reviews', 'search', 'shipping', 'support', 'warehouse',
];
const ADJECTIVES = [
  '', 'Bulk', 'Cached', 'Daily', 'Default', 'Draft', 'External', 'Internal', 'Legacy', 'Local', 'Manual', 'Monthly', 'Partial',
  'Pending', 'Primary', 'Regional', 'Remote', 'Scheduled', 'Shared', 'Staged', 'Verified', 'Weekly',
];
const NOUNS = [
  'Account', 'Address', 'Adjustment', 'Allocation', 'Basket', 'Batch', 'Campaign', 'Carrier', 'Catalogue', 'Channel',
  'Coupon', 'Customer', 'Delivery', 'Discount', 'Export', 'Forecast', 'Import', 'Label', 'Listing', 'Locale', 'Manifest',
  'Metric', 'Parcel', 'Partner', 'Plan', 'Policy', 'Profile', 'Quote', 'Rating', 'Region', 'Report', 'Reservation', 'Rule',
  'Schedule', 'Segment', 'Session', 'Slot', 'Supplier', 'Tariff', 'Tax', 'Ticket', 'Voucher',
];
const KINDS = ['Service', 'Mapper', 'Validator', 'Repository', 'Controller', 'Dto', 'Utils', 'Policy', 'Calculator', 'Formatter'];
const SECTION_WORDS = [
  'Draft', 'Entry', 'Item', 'Line', 'Window', 'Snapshot', 'Summary', 'Request', 'Response', 'Change', 'Option', 'Quota',
  'Rate', 'Tier', 'Bucket', 'Filter', 'Cursor', 'Range', 'Step', 'Stage', 'Version', 'Note', 'Hint', 'Limit',
];

const kebab = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const lowerFirst = (name) => name.charAt(0).toLowerCase() + name.slice(1);

/** Hands out module names that are unique across the workspace (an import never needs an alias). */
function createNamer(random) {
  const used = new Set();
  return (kind) => {
    for (let attempt = 0; ; attempt++) {
      const adjective = attempt < 50 ? random.pick(ADJECTIVES) : `${random.pick(ADJECTIVES)}${attempt}`;
      const base = `${adjective}${random.pick(NOUNS)}${kind}`;
      if (!used.has(base)) {
        used.add(base);
        return base;
      }
    }
  };
}

module.exports = { DOMAINS, NOUNS, KINDS, SECTION_WORDS, kebab, lowerFirst, createNamer };
