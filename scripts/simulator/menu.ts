/** A lunch menu across the usual stations, with modifiers and allergens for realistic tickets. */
export interface MenuItem {
  name: string;
  station: 'grill' | 'fry' | 'cold' | 'bar';
  course: number;
  modifiers: string[];
  allergens: string[];
}

export const MENU: readonly MenuItem[] = [
  {
    name: 'Cheeseburger',
    station: 'grill',
    course: 1,
    modifiers: ['no onions', 'extra cheese', 'medium rare', 'add bacon'],
    allergens: ['gluten', 'dairy'],
  },
  {
    name: 'Chicken Sandwich',
    station: 'grill',
    course: 1,
    modifiers: ['no mayo', 'spicy', 'gluten-free bun'],
    allergens: ['gluten', 'egg'],
  },
  { name: 'Ribeye Steak', station: 'grill', course: 2, modifiers: ['rare', 'medium', 'well done', 'sauce on side'], allergens: [] },
  { name: 'Grilled Salmon', station: 'grill', course: 2, modifiers: ['no butter', 'lemon on side'], allergens: ['fish'] },
  { name: 'Fries', station: 'fry', course: 1, modifiers: ['no salt', 'extra crispy'], allergens: [] },
  { name: 'Onion Rings', station: 'fry', course: 1, modifiers: ['ranch on side'], allergens: ['gluten'] },
  { name: 'Fish & Chips', station: 'fry', course: 2, modifiers: ['extra tartar', 'no peas'], allergens: ['fish', 'gluten'] },
  { name: 'Wings (8)', station: 'fry', course: 1, modifiers: ['hot', 'bbq', 'lemon pepper'], allergens: ['celery'] },
  {
    name: 'Caesar Salad',
    station: 'cold',
    course: 1,
    modifiers: ['no croutons', 'dressing on side', 'add chicken'],
    allergens: ['egg', 'fish', 'dairy'],
  },
  { name: 'Greek Salad', station: 'cold', course: 1, modifiers: ['no olives', 'vegan feta'], allergens: ['dairy'] },
  { name: 'Cheesecake', station: 'cold', course: 3, modifiers: ['berry sauce'], allergens: ['dairy', 'gluten', 'egg'] },
  { name: 'Lemonade', station: 'bar', course: 1, modifiers: ['no ice', 'sugar free'], allergens: [] },
  { name: 'IPA Draft', station: 'bar', course: 1, modifiers: [], allergens: ['gluten'] },
  { name: 'Espresso', station: 'bar', course: 3, modifiers: ['double', 'oat milk'], allergens: [] },
];
