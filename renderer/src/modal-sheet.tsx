import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';

/**
 * A panel over the board for a decision that needs more than one tap (accept with a prep time,
 * reject with a reason, 86 an item, pause the kitchen): big buttons, a dimmed board behind it; a
 * tap outside or Escape closes it without doing anything. Drawn at the page's end, so what opened
 * it (a ticket, the status bar) neither clips it nor styles it.
 */
export function ModalSheet({ label, onClose, children }: { label: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return createPortal(
    <div className="sheet-backdrop">
      <button type="button" className="sheet-backdrop__close" aria-label={t('sheet.close')} tabIndex={-1} onClick={onClose} />
      <div className="sheet" role="dialog" aria-modal="true" aria-label={label}>
        {children}
      </div>
    </div>,
    document.body,
  );
}
