/**
 * The console's preview frame shows the admin's unsaved widget settings in place of the saved
 * ones. Display only: nothing goes to the server, and only a script tag marked `data-preview`,
 * told by Parley's own console in the frame's parent, takes them (see the loader).
 */
import type { WidgetSettings } from '../protocol/chat';
import type { WidgetStatusResponse } from '../protocol/visitor-bodies';

export const withPreview = (status: WidgetStatusResponse, preview: WidgetSettings | undefined): WidgetStatusResponse =>
  preview ? { ...status, settings: { ...status.settings, widget: preview } } : status;
