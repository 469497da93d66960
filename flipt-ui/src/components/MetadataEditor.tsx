import { newMetadataRow, type MetadataRow, type MetadataValueType } from '../lib/metadata';

interface MetadataEditorProps {
  rows: MetadataRow[];
  onChange: (rows: MetadataRow[]) => void;
  errors: Record<number, string>;
  /** Shows the rows without letting them change (read-only storage). */
  readOnly?: boolean;
}

export function MetadataEditor({ rows, onChange, errors, readOnly }: MetadataEditorProps) {
  const update = (id: number, patch: Partial<MetadataRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  return (
    <fieldset className="metadata" disabled={readOnly}>
      <legend>Metadata</legend>
      {rows.length === 0 && <p className="muted">No metadata. Metadata is free-form data that evaluations don't use.</p>}
      {rows.map((row, i) => (
        <div key={row.id} className="metadata-row">
          <input
            aria-label={`Metadata key ${i + 1}`}
            placeholder="key"
            value={row.key}
            onChange={(e) => update(row.id, { key: e.target.value })}
            aria-invalid={!!errors[row.id]}
          />
          <select
            aria-label={`Metadata type ${i + 1}`}
            value={row.type}
            onChange={(e) => {
              const type = e.target.value as MetadataValueType;
              update(row.id, { type, value: type === 'boolean' ? 'true' : row.type === 'boolean' ? '' : row.value });
            }}
          >
            <option value="string">String</option>
            <option value="number">Number</option>
            <option value="boolean">Boolean</option>
            <option value="json">JSON</option>
          </select>
          {row.type === 'boolean' ? (
            <select aria-label={`Metadata value ${i + 1}`} value={row.value} onChange={(e) => update(row.id, { value: e.target.value })}>
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
          ) : (
            <input
              aria-label={`Metadata value ${i + 1}`}
              placeholder="value"
              inputMode={row.type === 'number' ? 'decimal' : undefined}
              className={row.type === 'json' ? 'code' : undefined}
              value={row.value}
              onChange={(e) => update(row.id, { value: e.target.value })}
              aria-invalid={!!errors[row.id]}
            />
          )}
          {!readOnly && (
            <button type="button" className="icon-button" aria-label={`Remove metadata ${row.key || i + 1}`} onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
              ×
            </button>
          )}
          {errors[row.id] && <div className="field-error metadata-error">{errors[row.id]}</div>}
        </div>
      ))}
      {!readOnly && (
        <button type="button" className="button button-small" onClick={() => onChange([...rows, newMetadataRow()])}>
          + Add metadata
        </button>
      )}
    </fieldset>
  );
}
