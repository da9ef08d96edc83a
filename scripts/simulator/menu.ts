/** A lunch menu across the usual stations, with modifiers and allergens for realistic tickets. */
export interface MenuItem {
  name: string;
  station: 'grill' | 'fry' | 'cold' | 'bar';
  course: number;
  modifiers: string[];
  allergens: string[];
  /** Cook time, sent as the item's `prepSeconds` (synchronized item timing; simulated cooks take about this long). */
  prepSeconds: number;
}

export const MENU: readonly MenuItem[] = [
  {
    name: 'Cheeseburger',
    station: 'grill',
    course: 1,
    modifiers: ['no onions', 'extra cheese', 'medium rare', 'add bacon'],
    allergens: ['gluten', 'dairy'],
    prepSeconds: 420,
  },
  {
    name: 'Chicken Sandwich',
    station: 'grill',
    course: 1,
    modifiers: ['no mayo', 'spicy', 'gluten-free bun'],
    allergens: ['gluten', 'egg'],
    prepSeconds: 480,
  },
  {
    name: 'Ribeye Steak',
    station: 'grill',
    course: 2,
    modifiers: ['rare', 'medium', 'well done', 'sauce on side'],
    allergens: [],
    prepSeconds: 720,
  },
  { name: 'Grilled Salmon', station: 'grill', course: 2, modifiers: ['no butter', 'lemon on side'], allergens: ['fish'], prepSeconds: 600 },
  { name: 'Fries', station: 'fry', course: 1, modifiers: ['no salt', 'extra crispy'], allergens: [], prepSeconds: 180 },
  { name: 'Onion Rings', station: 'fry', course: 1, modifiers: ['ranch on side'], allergens: ['gluten'], prepSeconds: 240 },
  {
    name: 'Fish & Chips',
    station: 'fry',
    course: 2,
    modifiers: ['extra tartar', 'no peas'],
    allergens: ['fish', 'gluten'],
    prepSeconds: 420,
  },
  { name: 'Wings (8)', station: 'fry', course: 1, modifiers: ['hot', 'bbq', 'lemon pepper'], allergens: ['celery'], prepSeconds: 540 },
  {
    name: 'Caesar Salad',
    station: 'cold',
    course: 1,
    modifiers: ['no croutons', 'dressing on side', 'add chicken'],
    allergens: ['egg', 'fish', 'dairy'],
    prepSeconds: 240,
  },
  { name: 'Greek Salad', station: 'cold', course: 1, modifiers: ['no olives', 'vegan feta'], allergens: ['dairy'], prepSeconds: 180 },
  { name: 'Cheesecake', station: 'cold', course: 3, modifiers: ['berry sauce'], allergens: ['dairy', 'gluten', 'egg'], prepSeconds: 60 },
  { name: 'Lemonade', station: 'bar', course: 1, modifiers: ['no ice', 'sugar free'], allergens: [], prepSeconds: 60 },
  { name: 'IPA Draft', station: 'bar', course: 1, modifiers: [], allergens: ['gluten'], prepSeconds: 30 },
  { name: 'Espresso', station: 'bar', course: 3, modifiers: ['double', 'oat milk'], allergens: [], prepSeconds: 60 },
];
