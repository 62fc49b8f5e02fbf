"use client";

import { type ComponentProps, useSyncExternalStore } from "react";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "./button-styles";

const subscribeNever = () => () => undefined;

/** False in the server render and during hydration, true once React handles events. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

/**
 * A button that stays disabled until the page is interactive, so an early click (or Enter in a
 * form) is never lost, nor sent as a native form submission with the fields in the URL.
 */
export function Button({
  variant,
  size,
  className,
  type = "button",
  disabled,
  ...props
}: ComponentProps<"button"> & { variant?: ButtonVariant; size?: ButtonSize }) {
  const hydrated = useHydrated();
  return <button type={type} className={buttonClasses(variant, size, className)} disabled={!hydrated || disabled} {...props} />;
}
