/** Browser and OS from a user agent string, as an agent would say them ("Firefox 140 on Linux"). */
const BROWSERS: Array<[RegExp, string]> = [
  [/Edg\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* (Mobile\/\w+ )?Safari/, 'Safari'],
];
const SYSTEMS: Array<[RegExp, string]> = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

export function describeBrowser(userAgent: string): { browser: string; os: string } {
  const found = BROWSERS.map(([re, name]) => [userAgent.match(re), name] as const).find(([m]) => m);
  const os = SYSTEMS.find(([re]) => re.test(userAgent))?.[1] ?? 'Unknown system';
  return { browser: found ? `${found[1]} ${found[0]![1]}` : 'Unknown browser', os };
}
