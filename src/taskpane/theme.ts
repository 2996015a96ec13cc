/**
 * The Fluent theme that matches Office: Office reports its theme colours (Office.context.officeTheme)
 * where the host supports it; a dark body background selects Fluent's dark theme.
 */
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
}

/** Relative luminance (0 black … 1 white) of '#rrggbb'; undefined for anything else. */
export function luminance(color: string | undefined): number | undefined {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color?.trim() ?? '');
  if (!m) return undefined;
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function themeFor(office: OfficeThemeColors | undefined): Theme {
  const l = luminance(office?.bodyBackgroundColor);
  return l !== undefined && l < 0.2 ? webDarkTheme : webLightTheme;
}

/** Office's theme colours when running inside Office, else undefined. */
export function officeThemeColors(): OfficeThemeColors | undefined {
  try {
    return typeof Office !== 'undefined'
      ? (Office.context?.officeTheme as OfficeThemeColors | undefined)
      : undefined;
  } catch {
    return undefined;
  }
}
