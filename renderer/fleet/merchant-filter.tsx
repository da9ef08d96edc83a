import { useId, useState, type KeyboardEvent } from 'react';

/** Suggestions shown at a time: enough to pick from, short enough to read without scrolling. */
const MAX_SUGGESTIONS = 12;

/**
 * A type-ahead over the fleet's merchants: typing narrows the list (any part of the id), a click or
 * Enter picks one, and the page then asks the service for that merchant only. Text that names no
 * merchant filters nothing, so a typo never hides the fleet.
 */
export function MerchantFilter({
  merchants,
  chosen,
  onChoose,
}: {
  merchants: readonly string[];
  chosen: string | null;
  onChoose: (merchant: string | null) => void;
}) {
  const [text, setText] = useState(chosen ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const needle = text.trim().toLowerCase();
  const suggestions = (needle ? merchants.filter((m) => m.toLowerCase().includes(needle)) : merchants).slice(0, MAX_SUGGESTIONS);
  const showing = open && suggestions.length > 0;

  const choose = (merchant: string | null) => {
    setText(merchant ?? '');
    setOpen(false);
    setActive(0);
    onChoose(merchant);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (suggestions.length === 0 ? 0 : (i + step + suggestions.length) % suggestions.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const exact = merchants.find((m) => m.toLowerCase() === needle);
      if (needle === '') choose(null);
      else if (showing) choose(suggestions[active] ?? null);
      else if (exact) choose(exact);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  return (
    <div className="merchant-filter">
      <label htmlFor={`${listId}-input`}>Merchant</label>
      <input
        id={`${listId}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder="All merchants — type to find one"
        aria-expanded={showing}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showing ? `${listId}-${active}` : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {chosen !== null && (
        <button type="button" className="merchant-filter__clear" onClick={() => choose(null)}>
          All merchants
        </button>
      )}
      {showing && (
        <ul id={listId} role="listbox" aria-label="Merchants" className="merchant-filter__list">
          {suggestions.map((merchant, i) => (
            <li
              key={merchant}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'merchant-filter__option merchant-filter__option--active' : 'merchant-filter__option'}
              // Keeps the focus in the input, so it does not blur and close the list before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(merchant)}
            >
              {merchant}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
