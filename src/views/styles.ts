/** The site's only stylesheet, inlined: one small response per page view, no extra request. */
export const STYLES = `
:root{color-scheme:light dark;--bg:#fdfcf9;--fg:#1d1d1f;--muted:#555a60;--accent:#0b5cad;--bar:#0b5cad;--rule:#d9d6cf;--chip:#eef2f7;--focus:#c2410c;
--font:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;--serif:Georgia,"Noto Serif",serif}
@media (prefers-color-scheme:dark){:root{--bg:#14161a;--fg:#ecebe7;--muted:#a9adb3;--accent:#8cc4ff;--bar:#6fb2ff;--rule:#33363c;--chip:#23272e;--focus:#ffb072}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 var(--font);overflow-wrap:break-word}
:lang(ja){font-family:"Hiragino Kaku Gothic ProN","Hiragino Sans","Noto Sans JP","Noto Sans CJK JP","Yu Gothic",Meiryo,sans-serif;line-height:1.85;line-break:strict;word-break:normal;overflow-wrap:anywhere;font-feature-settings:"palt" 0}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--bg);padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
header.site{border-bottom:1px solid var(--rule);padding:.75rem 0}
header.site .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;justify-content:space-between}
header.site .bar{margin-top:.5rem;align-items:center}.sections ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}.sections a[aria-current]{font-weight:700;color:var(--fg);text-decoration:none}.search label{font-size:.9rem;color:var(--muted)}
.brand{font:700 1.35rem/1.2 var(--serif);color:var(--fg);text-decoration:none;display:inline-flex;align-items:center;gap:.45rem}.brand img{flex:none}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.tagline{color:var(--muted);font-size:.9rem;margin:0}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .9rem}
.langs a[aria-current]{font-weight:700;color:var(--fg);text-decoration:none}
main{padding:1.25rem 0 2.5rem}
h1{font:700 1.9rem/1.25 var(--serif);margin:.5rem 0 1rem}
:lang(ja) h1,:lang(ja) h2,:lang(ja) h3{font-family:inherit;line-height:1.5}
h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--rule)}
.story{margin:0 0 1.5rem}
.story>h2,.story>h3{font-size:1.15rem;margin:0 0 .25rem;padding:0;border:0;line-height:1.35}
.meta{color:var(--muted);font-size:.9rem;margin:.1rem 0 .4rem}
.chips{list-style:none;padding:0;margin:.4rem 0;display:flex;flex-wrap:wrap;gap:.35rem}
.chips li{background:var(--chip);border-radius:1rem;font-size:.85rem}.chips li>*{display:inline-block;padding:.2rem .65rem;min-height:1.5rem}
.note{border-left:4px solid var(--focus);background:var(--chip);padding:.5rem .9rem;margin:1rem 0}
.body p{margin:0 0 1em}
.lead-image{margin:1rem 0}.lead-image img{display:block;width:100%;height:auto;aspect-ratio:16/9;object-fit:cover;background:var(--chip)}.lead-image figcaption{color:var(--muted);font-size:.85rem;margin-top:.3rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;font-size:.95rem}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
.search{display:flex;gap:.4rem;align-items:center;flex:0 1 22rem}.search input{font:inherit;padding:.3rem .5rem;flex:1 1 10rem;min-width:0;border:1px solid var(--muted);border-radius:.3rem;background:var(--bg);color:var(--fg)}.search button{font:inherit;padding:.3rem .8rem;border-radius:.3rem;border:1px solid var(--accent);background:var(--accent);color:var(--bg)}
mark{background:#ffe08a;color:#000}
.chart{margin:0}.bars{list-style:none;margin:.5rem 0;padding:0;display:grid;grid-template-columns:minmax(0,max-content) 1fr max-content;gap:.35rem .75rem;align-items:center}
.bars li{display:grid;grid-column:1/-1;grid-template-columns:subgrid;align-items:center}.bars svg{width:100%;height:.75rem}.bars rect{fill:var(--bar)}.bars .count{color:var(--muted);font-size:.9rem}
.story.lead>h2,.top-story h2{font-size:1.45rem}.top-story{border-bottom:1px solid var(--rule);margin:0 0 1rem;padding-bottom:.75rem}.top-story h2{margin:.1rem 0 .4rem;padding:0;border:0;line-height:1.3}.story.lead{padding-bottom:1rem;border-bottom:1px solid var(--rule)}
.figure{margin:.25rem 0 .5rem}.figure q{color:var(--muted)}.also ul{margin:.1rem 0;padding-left:1.25rem}
.glance ol{margin:.25rem 0 1rem;padding-left:1.5rem}.glance h2{margin-top:1rem}
.weeks{list-style:none;padding:0}.weeks li{margin:0 0 1.25rem}.weeks h2{font-size:1.1rem;margin:0;padding:0;border:0}.weeks .top{margin:.2rem 0}
.footer-links{list-style:none;margin:.5rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.feeds dd{margin:0 0 .75rem}.feeds code{overflow-wrap:anywhere}.readers{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.readers a{display:inline-block;padding:.35rem .8rem;border:1px solid var(--accent);border-radius:.3rem}
.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:2rem}
footer.site{border-top:1px solid var(--rule);color:var(--muted);font-size:.9rem;padding:1rem 0 2rem}
.desk-cols{display:grid;grid-template-columns:1fr 1fr;gap:0 1.5rem}.desk-form label{display:block;font-weight:600}.desk-form input,.desk-form textarea,.desk-form select{font:inherit;width:100%;padding:.3rem .5rem;border:1px solid var(--muted);border-radius:.3rem;background:var(--bg);color:var(--fg)}
.desk button{font:inherit;padding:.3rem .8rem;border-radius:.3rem;border:1px solid var(--accent);background:var(--accent);color:var(--bg)}textarea:focus-visible,select:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.desk-form .check input{width:auto}.desk-form .check label{display:inline;font-weight:400;margin-left:.4rem}.field-error{display:block;color:var(--focus);font-weight:600}.desk-source{border-top:1px solid var(--rule)}
.desk-diff ins{background:#c8f0cf;color:#000;text-decoration:none}.desk-diff del{background:#ffd4d4;color:#000}.desk-diff ins,.desk-diff del{padding:0 .15rem;margin-right:.25rem}
@media (max-width:50rem){.desk-cols{grid-template-columns:1fr}}
@media (max-width:30rem){body{font-size:1rem}h1{font-size:1.5rem}.tagline{display:none}header.site{padding:.4rem 0}
header.site{line-height:1.4;padding:.3rem 0}header.site .wrap{gap:.1rem .75rem}header.site .bar{margin-top:.2rem}
.langs{font-size:.875rem}.sections{font-size:.85rem}.langs ul,.sections ul{gap:0 .7rem}.search input,.search button{padding-top:.2rem;padding-bottom:.2rem}.langs a,.sections a{display:inline-block;padding:.15rem 0;min-height:24px}.search{flex:1 1 100%}.bars{grid-template-columns:minmax(0,1fr) 5rem max-content}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#333}header.site nav,header.site .search,.skip,.pager,.follow,.footer-links,footer.site nav{display:none}
a{color:#000;text-decoration:none}.body a[href^="http"]::after,.source a::after{content:" (" attr(href) ")";font-size:.8em}}
`;
