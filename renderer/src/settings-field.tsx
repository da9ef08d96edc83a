import { useId, type ReactNode } from 'react';

/** One labelled control of the settings form, with its hint, or what is wrong with it, beneath. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (id: string, describedBy: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className={`settings-field ${error ? 'settings-field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, `${id}-note`)}
      <small id={`${id}-note`} className={error ? 'settings-field__error' : 'settings-field__hint'}>
        {error ?? hint ?? ''}
      </small>
    </div>
  );
}
