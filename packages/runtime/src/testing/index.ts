/**
 * `mini-st/testing`: test apps headless, with vitest or any runner.
 *
 * @example
 * import { AppTest } from "mini-st/testing";
 * const at = await AppTest.from_file("app.ts").run();
 * expect(at.header[0].value).toBe("This app is private.");
 * await at.login({ name: "Ada" }).run();
 * expect(at.header[0].value).toBe("Welcome, Ada!");
 */
export { AppTest } from './app-test.js';
export type { AppTestOptions, LoginRequest, TestClaims } from './app-test.js';
export type { AppElement, BlockView, Button, ChatInputWidget, CheckboxWidget, ElementList, MultiselectWidget, NumberWidget, SelectWidget, TextWidget, Widget } from './elements.js';
export type { DownloadButtonWidget, FileUploaderWidget, TestFile } from './media-elements.js';
