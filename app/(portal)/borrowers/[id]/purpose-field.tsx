import { FormField } from "../../../_components/form-field";
import { inputClass } from "../../../_components/ui";
import { consentPurposes } from "./consent-options";

/** The consent purpose picker, shared by the consent and scoring forms (the same enum and labels). */
export function PurposeField({ id, error }: { id: string; error: string | undefined }) {
  return (
    <FormField id={id} label="Purpose" error={error}>
      {(props) => (
        <select {...props} name="purpose" className={inputClass}>
          {consentPurposes.map((purpose) => (
            <option key={purpose.value} value={purpose.value}>
              {purpose.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
