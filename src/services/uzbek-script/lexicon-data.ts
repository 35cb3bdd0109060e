/**
 * The loanword lexicon, as data: Uzbek Cyrillic stems whose spelling the Latin alphabet no
 * longer shows (ь, ъ, ц, э inside a word, йо against ё, е against э). Each entry is written in
 * Cyrillic only; its Latin key is derived by the 1995 correspondence table
 * (`spellCyrillicInLatin`), so a word is never stated twice. `latin=кириллица` gives the key
 * by hand where Latin text spells the word otherwise (Latin press "poezd" beside the
 * regular "poyezd"). Entries are stems: suffixed forms follow them (фильм → фильмлар), and a
 * final ь is dropped before a suffix, as the Uzbek Cyrillic press writes months and loanwords
 * (октябрь, октябрда; автомобиль, автомобилни).
 *
 * Written from the orthography's rules and general knowledge of Uzbek news vocabulary, not
 * taken from any dictionary file. Words the letter rules already get right may be listed
 * too (they change nothing); words that are also Uzbek words in another spelling are left out
 * (моль / mol "cattle", сель / sel, пол / pol), since a stem would capture them.
 */

/** A final ь: bare word with ь, suffixed without (автомобиль, автомобилга). */
export const SOFT_SIGN_FINAL = `
январь февраль апрель июнь июль ноябрь декабрь sentabr=сентябрь oktabr=октябрь
нефть автомобиль контроль роль модель фестиваль стиль рубль портфель отель профиль спектакль
магистраль автомагистраль вертикаль горизонталь дизель тоннель туннель шампунь бюллетень вексель
ансамбль картофель кафель ноль нуль пароль рояль руль мебель модуль спираль госпиталь дуэль
шинель пастель панель педаль деталь медаль сандаль эмаль мораль вуаль коктейль мотель гель
вермишель карамель фланель шрапнель картель стапель штемпель акварель форель цитадель дирижабль
текстиль фитиль штиль утиль водевиль алкоголь бемоль консоль фасоль антресоль гастроль патруль
календарь секретарь инвентарь монастырь букварь кегль тюль тюлень пудель спаниель параллель
мультфильм телефильм кинофильм диафильм видеофильм автомобиль электромобиль бронеавтомобиль
фотомодель супермодель 
телеспектакль
гидрогель аэрозоль госконтроль
 
кинофестиваль медиафестиваль 
`;

/** ь inside the stem, kept everywhere (фильм, фильмлар; компьютер, компьютерда). */
export const SOFT_SIGN_INSIDE = `
фильм компьютер интервью пульт премьер альбом альманах альтернатива альпинист альянс
бульвар бульдозер вольт вольтметр вольфрам дельфин дельта кальций кальян мультимедиа мультипликатор
пульс импульс консультация консультант консультатив результат культура культ культуролог ультра
ультиматум ультрабинафша ультратовуш сальдо сальто фольклор фольга вальс пьеса
пьедестал бильярд павильон батальон бульон медальон компаньон шампиньон сельдерей барьер карьер
карьера курьер интерьер портьера досье ателье кутюрье рантье крупье вьетнам фельдшер фельетон
гильза гильотина гольф гольфчи дальтоник дельтаплан кольт мольберт пальто сальмонелла фальсификация
фальсификатор фельдмаршал фильтр фильтрлаш фильмотека шельф эльф бельэтаж
нью альтруизм альтруист альфа альт альтиметр бальзам бальнеология бальнеологик
вольер гальваник гальванометр гельминт дельфинарий кильватер кольраби мульча мультиварка
пульверизатор пульсар пульмонолог пульмонология сальмон сальса сальник сельсовет сельхозтехника
тальк фальстарт фольксваген эльбрус 
компьютерлаштириш компьютерлашув мультиплекс мультипликация мультимиллионер мультимиллиардер
мультивалюта мультимодал мультидисциплинар ультиматив ультразвук ультрамарин ультрамодерн
интервьюер пьезоэлектрик пьезо кальцит кальцинация бильярдхона мультсериал
мульти фельдшерлик культурология
культуршунос культурологик субкультура контркультура агрокультура монокультура поликультура
физкультура физкультурачи телеинтервью видеоинтервью премьера премьерлик
`;

/** ъ before е, ё, ю, я in Russian loanwords, where the rules would read ь or nothing. */
export const HARD_SIGN = `
объём съёмка адъютант конъюнктура конъюнктурачи инъектор 
`;

/** ц: written s word-initially and after consonants, ts after vowels in Latin. */
export const TSE = `
цемент центр центнер цензура цензор цех цикл циклон цирк цитата цивилизация цинк цистерна
цитрус целлюлоза цельсий цилиндр цианид циркуль циркуляр циркуляция цоколь цунами церемония
цент центрифуга центризм централизация централлашув централлаштириш цифр цифрлаштириш
цифрли цитоплазма цитология цирроз цитрат церий цезий циан цианоз цинга цинния циркон
цейтнот цеолит цепеллин цинизм циник цитадел циклопик циклик циркчи
концерт концерн концепция концентрация концентрат коррупция принцип принц принцесса акцент
акционер акциз вакцина вакцинация канцлер канцелярия абзац кварц шприц инерция эксцентрик
сценарий сцена пицца пиццерия лицей лицензия доцент процент пациент фармацевт фармацевтика
специалист специал специализация специфик спецификация социал социолог социология социализм
социалист ацетон ацетилен бацилла вице децибел децентрализация дециметр коэффициент офицер
официант официал медицина рецепт рецензия рецензент процедура процесс процессор прецедент
консорциум инцидент порция пропорция коммерция коммерциялаштириш перцепция рецепция
квинтэссенция эссенция акцепт акцептор индульгенция фацет пацифизм пацифист 
 
 
глицерин лейкоцит эритроцит тромбоцит фагоцит концлагер глянц сицилия палаццо скерцо
ацидоз ацидофил лацкан люцерна перцептив спецназ спецодежда
спецслужба спецкор спецрейс спецоперация спецэффект 
эпицентр полицентризм евроцентризм
концептуал концептуализм концентрик концертмейстер концертчи концессия концессионер
антикоррупция принципиал принципиаллик акцентолог акционерлик
вакциналаш акцизли канцлерлик абзацлаш кварцит шприцлаш инерцион эксцентриситет
сценарист сценография лицеист лицензиар лицензиат доцентлик процентли 
фармацевтик специализацияланган социаллашув 
медицинавий рецептура рецептор процессуал прецизион консорциумчи
инцидентли пропорционал пропорциялашган коммерциявий 
швейцария швейцар швейцариялик цюрих цейлон цельсийли
`;

/** э after a consonant inside a word (Latin writes plain e). */
export const E_INSIDE = `
мэр мэрия мэрлик рэп рэппер рэкет рэкетир рэкетчилик каратэ квинтэссенция каратэчи
пленэр хэштег кэшбэк блэкаут бэкап бэкенд пэйджер сэндвич
`;

/** е after a vowel where Latin text writes plain e (the regular spelling would be ye). */
export const YE_AFTER_VOWEL = `
poezd=поезд klient=клиент dieta=диета gigiena=гигиена koeffitsient=коэффициент
orient=ориент orientatsiya=ориентация ingredient=ингредиент
`;

/** йо, which the rules would read as the single letter ё; and names spelled by hand. */
export const YOT_O = `
район районлаштириш майор майонез йога йогачи йогурт йорк бойкот бойкотлаш
kyoto=Киото 
`;

/** ўъ, which Latin writes as the letter oʻ alone (мўъжиза moʻjiza). */
export const O_HARD_SIGN = `
мўъжиза мўъжаз мўътабар мўътадил мўъжизакор мўътадиллик мўътабарлик
`;

/** -нсия and -ксия that are not -нция / -кция, against the rule. */
export const NOT_TSE = `
пенсия пенсионер экспансия вакансия асфиксия апоплексия дислексия анорексия
`;

/**
 * Foreign company and organisation names: printed in Latin in the Cyrillic edition too, as
 * the companies write them (the edition's one policy for such names; transliterating some and
 * not others put "Sojitz" and "Сумитомо" in one sentence).
 */
export const KEEP_LATIN = `
sojitz toyota tsusho sumitomo itochu mitsubishi mitsui marubeni hitachi toshiba nissan honda
isuzu suzuki yamaha kawasaki subaru mazda fujitsu masui balsom daido okamoto washin shikoku
kyocera komatsu kubota hino denso olympus nikon jetro jbic nexi jogmec jica
silk digest the plaza industries trading holdings group corporation electric youtube tiktok
`;

/** Uzbek abbreviations that are transliterated although they are written in capitals. */
export const UZBEK_ACRONYMS = `
bmt aqsh mdh shht yaim yei yeoii xvf xxr jst iiv dxx oav fvv mchj aj qk
`;
