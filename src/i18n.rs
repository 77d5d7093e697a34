//! The one catalogue of user-visible text, Swedish and English. Each entry names both
//! languages, so a missing translation does not compile; a test checks placeholders match.

use crate::domain::checklist::Answer;
use crate::domain::workflow::Transition;
use crate::domain::{
    CaseState, DecisionKind, Direction, EventKind, OrgKind, Outcome, Queue, Role, Step,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_lowercase().as_str() {
            "sv" | "svenska" | "swedish" => Some(Lang::Sv),
            "en" | "engelska" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

macro_rules! catalogue {
    ($($key:ident => $sv:literal, $en:literal;)*) => {
        /// A catalogue entry.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum T { $($key,)* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::Sv) => $sv, (T::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

catalogue! {
    PaneCalls => "Utlysningar", "Calls";
    PaneOrgs => "Organisationer", "Organisations";
    PaneQueues => "Köer", "Queues";
    PaneCases => "Ärenden", "Cases";
    CasesOfCall => "Ärenden · {0}", "Cases · {0}";
    CasesPosition => "{0} av {1}", "{0} of {1}";
    CasesPositionCapped => "{0} av {1}+", "{0} of {1}+";
    ListCapped => "Fler än {0} träffar: de {0} nyaste visas, nyast först. Skriv fler ord för att smalna av.", "More than {0} matches: the newest {0} are shown, newest first. Type more words to narrow it down.";
    ShortWordsWait => "Ord kortare än tre tecken söks i stora listor först tillsammans med ett längre ord.", "In large lists, words shorter than three characters are searched for only together with a longer word.";

    QueueNew => "Nya", "New";
    QueueMine => "Mina", "Mine";
    QueueUnassigned => "Ej tilldelade", "Unassigned";
    QueueAwaiting => "Väntar på komplettering", "Awaiting supplement";
    QueueReady => "Redo för beslut", "Ready for decision";
    QueueToDispatch => "Att expediera", "To dispatch";
    QueueOverdue => "Försenade", "Overdue";
    QueueAllOpen => "Alla öppna", "All open";

    StepInterest => "Intresseanmälan", "Expression of interest";
    StepMapping => "Kartläggning, behovsanalys och plan", "Mapping, needs analysis and plan";
    StepMeasures => "Insatser", "Measures";
    StepReport => "Slutrapport och uppföljning", "Final report and follow-up";
    StepShort => "Steg {0}", "Step {0}";

    StateReceived => "Inkommen", "Received";
    StateInProgress => "Under handläggning", "In progress";
    StateSupplement => "Komplettering begärd", "Supplement requested";
    StateProposed => "Förslag till beslut", "Proposed decision";
    StateDecided => "Beslutad", "Decided";
    StateDispatched => "Expedierad", "Dispatched";
    StateOngoing => "Pågående", "Ongoing";
    StateReportDue => "Rapport väntas", "Report due";
    StateClosed => "Avslutad", "Closed";
    StateWithdrawn => "Återkallad", "Withdrawn";
    StateWrittenOff => "Avskriven", "Written off";

    KindKommun => "kommun", "municipality";
    KindRegion => "region", "region";
    KindKommunalforbund => "kommunalförbund", "local federation";
    KindForening => "ideell förening", "non-profit association";
    KindStiftelse => "stiftelse", "foundation";
    KindTrossamfund => "trossamfund", "faith community";

    OutcomePositive => "Positivt besked", "Positive answer";
    OutcomeNegative => "Negativt besked", "Negative answer";
    OutcomeGranted => "Bifall", "Granted";
    OutcomePartly => "Delvis bifall", "Partly granted";
    OutcomeRejected => "Avslag", "Rejected";
    OutcomeDismissed => "Avvisning", "Dismissed";
    OutcomeWrittenOff => "Avskrivning", "Written off";
    OutcomeApproved => "Godkänd", "Approved";

    AnswerMet => "Uppfyllt", "Met";
    AnswerPartly => "Delvis", "Partly";
    AnswerNotMet => "Ej uppfyllt", "Not met";
    AnswerNotApplicable => "Ej aktuellt", "Not applicable";
    AnswerNone => "Obesvarad", "Unanswered";

    RoleRegistrar => "registrator", "registrar";
    RoleCaseworker => "handläggare", "caseworker";
    RoleDecisionMaker => "beslutsfattare", "decision maker";
    RoleAdministrator => "administratör", "administrator";
    RoleAttestant => "attestant", "attestant";

    DirectionIn => "In", "In";
    DirectionOut => "Ut", "Out";
    DirectionIncoming => "Inkommen", "Incoming";
    DirectionOutgoing => "Utgående", "Outgoing";
    DecisionKindProposal => "Förslag", "Proposal";
    DecisionKindDecision => "Beslut", "Decision";

    EventCaseRegistered => "Ärendet registrerat", "Case registered";
    EventStateChanged => "Status ändrad", "State changed";
    EventAssigned => "Tilldelat", "Assigned";
    EventGranted => "Beviljat belopp satt", "Granted amount set";
    EventSupplementDue => "Kompletteringsfrist satt", "Supplement deadline set";
    EventReportDue => "Rapportdatum satt", "Report date set";
    EventChecklist => "Checklistpunkt besvarad", "Checklist item answered";
    EventDocument => "Handling registrerad", "Document registered";
    EventNote => "Tjänsteanteckning sparad", "Note saved";
    EventProposed => "Förslag till beslut", "Decision proposed";
    EventDecided => "Beslut fattat", "Decision made";

    ColDnr => "Dnr", "Reg. no.";
    ColNo => "#", "#";
    ColOrganisation => "Organisation", "Organisation";
    ColStep => "Steg", "Step";
    ColState => "Status", "State";
    ColReceived => "Inkommen", "Received";
    ColAssignee => "Handläggare", "Caseworker";
    ColRequested => "Sökt", "Requested";
    ColDate => "Datum", "Date";
    ColSubNo => "Nr", "No.";
    ColDirection => "In/ut", "In/out";
    ColCounterpart => "Från/till", "From/to";
    ColDescription => "Beskrivning", "Description";
    ColBy => "Av", "By";
    ColText => "Text", "Text";
    ColKind => "Typ", "Kind";
    ColOutcome => "Utfall", "Outcome";
    ColAmount => "Belopp", "Amount";
    ColPresenter => "Föredragande", "Presenter";
    ColDecider => "Beslutsfattare", "Decision maker";
    ColEvent => "Händelse", "Event";
    ColQuestion => "Fråga", "Question";
    ColAnswer => "Svar", "Answer";
    ColComment => "Kommentar", "Comment";
    ColTime => "Tid", "Time";

    LblOrganisation => "Organisation", "Organisation";
    LblCall => "Utlysning", "Call";
    LblStep => "Steg", "Step";
    LblState => "Status", "State";
    LblReceived => "Inkommen", "Received";
    LblStatutory => "FL 12 §", "FL 12 §";
    LblSupplementDue => "Komplettering senast", "Supplement due";
    LblReportDue => "Rapport senast", "Report due";
    LblRequested => "Sökt", "Requested";
    LblGranted => "Beviljat", "Granted";
    LblAssignee => "Handläggare", "Caseworker";
    LblGuidance => "Vägledning", "Guidance";
    LblRule => "Regel", "Rule";
    LblMandatory => "obligatorisk", "mandatory";
    LblBudget => "Budget", "Budget";
    LblOpen => "Öppen", "Open";
    LblUser => "Användare", "User";
    LblMotivation => "Motivering", "Motivation";
    LblPeriod => "Period", "Period";
    LblSent => "Expedierat", "Dispatched";
    LblChanges => "ändrar beslutet den {0}", "changes the decision of {0}";
    Dash => "–", "–";
    Unassigned => "ej tilldelad", "unassigned";
    Decided => "avgjort", "decided";
    DaysLeft => "om {0} dagar", "in {0} days";
    DaysAgo => "för {0} dagar sedan", "{0} days ago";
    Today => "i dag", "today";
    Passed => "passerad {0}", "passed {0}";

    TabChecklist => "Checklista", "Checklist";
    TabDocuments => "Handlingar", "Documents";
    TabNotes => "Anteckningar", "Notes";
    TabDecisions => "Beslut", "Decisions";
    TabHistory => "Historik", "History";

    EmptyCases => "Inga ärenden här.", "No cases here.";
    EmptyCalls => "Inga utlysningar.", "No calls.";
    EmptyOrgsFiltered => "Ingen organisation med det namnet, numret eller länet. Esc visar alla.", "No organisation with that name, number or county. Esc shows all.";
    EmptyOrgs => "Inga organisationer.", "No organisations.";
    EmptyTab => "Inget registrerat ännu.", "Nothing registered yet.";
    NoChecklist => "Ingen checklista knuten till ärendet.", "No checklist linked to this case.";
    UnknownChecklist => "Checklistan {0} finns inte längre bland checklistfilerna.", "Checklist {0} is no longer among the checklist files.";
    ChecklistProgress => "{0} av {1} besvarade · {2} obligatoriska obesvarade", "{0} of {1} answered · {2} mandatory unanswered";
    Loading => "Hämtar …", "Loading …";

    HelpTitle => "Hjälp: tangenter", "Help: keys";
    HelpFooter => "skriv för att söka · Esc eller ? stänger", "type to search · Esc or ? closes";
    CtxGlobal => "Överallt", "Everywhere";
    CtxHome => "Startsidan", "Home screen";
    CtxCase => "Ärendevyn", "Case view";
    CtxHelp => "Hjälpen", "Help";
    AlwaysQuit => "Ctrl-C avslutar alltid.", "Ctrl-C always quits.";

    ActQuit => "Avsluta", "Quit";
    ActHelp => "Hjälp", "Help";
    ActBack => "Tillbaka", "Back";
    ActDown => "Ned", "Down";
    ActUp => "Upp", "Up";
    ActFirst => "Första", "First";
    ActLast => "Sista", "Last";
    ActPageDown => "Sida ned", "Page down";
    ActPageUp => "Sida upp", "Page up";
    ActNextPane => "Nästa ruta", "Next pane";
    ActPrevPane => "Föregående ruta", "Previous pane";
    ActFocusCalls => "Till Utlysningar", "Go to Calls";
    ActFocusOrgs => "Till Organisationer", "Go to Organisations";
    ActFocusQueues => "Till Köer", "Go to Queues";
    ActFocusCases => "Till Ärenden", "Go to Cases";
    ActOpen => "Öppna", "Open";
    ActNextTab => "Nästa flik", "Next tab";
    ActPrevTab => "Föregående flik", "Previous tab";
    ActTabChecklist => "Fliken Checklista", "Checklist tab";
    ActTabDocuments => "Fliken Handlingar", "Documents tab";
    ActTabNotes => "Fliken Anteckningar", "Notes tab";
    ActTabDecisions => "Fliken Beslut", "Decisions tab";
    ActTabHistory => "Fliken Historik", "History tab";
    ActCloseHelp => "Stäng hjälpen", "Close help";

    ActAnswerMet => "Svara Uppfyllt", "Answer Met";
    ActAnswerPartly => "Svara Delvis", "Answer Partly";
    ActAnswerNotMet => "Svara Ej uppfyllt", "Answer Not met";
    ActAnswerNotApplicable => "Svara Ej aktuellt", "Answer Not applicable";
    ActChangeState => "Byt status", "Change state";
    ActAssignMe => "Tilldela mig", "Assign to me";
    ActAssignOther => "Tilldela kollega", "Assign to colleague";
    ActRequestSupplement => "Begär komplettering", "Request supplement";
    ActSupplementReceived => "Komplettering inkommen", "Supplement received";
    ActAddNote => "Ny tjänsteanteckning", "New note";
    ActRegisterDocument => "Registrera handling", "Register document";
    ActNewCase => "Registrera nytt ärende", "Register new case";
    ActSubmit => "Spara", "Save";
    ActCancel => "Avbryt", "Cancel";
    ActNextField => "Nästa fält", "Next field";
    ActPrevField => "Föregående fält", "Previous field";
    ActChoose => "Välj", "Choose";
    ActAdvance => "Nästa fält; på sista fältet sparar", "Next field; on the last field saves";
    CtxForm => "Formulär", "Form";
    CtxEditor => "Textredigering", "Text editor";
    CtxConfirm => "Bekräftelse", "Confirmation";
    CtxPicker => "Sökbar lista", "Search list";
    CtxRound => "Beslutstillfälle", "Decision round";
    CtxAdmin => "Administration", "Administration";

    TrStartHandling => "Påbörja handläggning", "Start handling";
    TrRequestSupplement => "Begär komplettering", "Request supplement";
    TrSupplementReceived => "Komplettering inkommen", "Supplement received";
    TrPropose => "Lägg förslag till beslut", "Propose decision";
    TrReopen => "Återuppta handläggningen", "Reopen handling";
    TrDecide => "Besluta", "Decide";
    TrDispatch => "Expediera", "Dispatch";
    TrStartWork => "Arbetet pågår", "Work under way";
    TrAwaitReport => "Rapport väntas", "Report due";
    TrClose => "Avsluta ärendet", "Close the case";
    TrWithdraw => "Återkallad av sökande", "Withdrawn by the applicant";
    TrWriteOff => "Avskriv ärendet", "Write the case off";

    RefNotFrom => "{0} går inte från status {1}.", "{0} is not possible from state {1}.";
    RefUnanswered => "Checklistan har {0} obesvarade obligatoriska punkter: {1}.", "The checklist has {0} unanswered mandatory items: {1}.";
    RefNoChecklist => "Ärendet har ingen checklista.", "The case has no checklist.";
    RefNotForStep => "{0} gäller inte steg {1}.", "{0} does not apply to step {1}.";
    RefNoGrant => "Inget belopp är beviljat.", "Nothing was granted.";
    RefAnswerLocked => "Svaren är låsta i status {0}; återuppta handläggningen för att ändra dem.", "Answers are locked in state {0}; reopen handling to change them.";
    RefNotChecklistTab => "Svara i fliken Checklista (1).", "Answer on the Checklist tab (1).";
    RefNothingOffered => "Ingen statusändring är möjlig i status {0}.", "No state change is possible in state {0}.";
    RefNoColleagues => "Det finns inga andra handläggare att tilldela.", "There are no other caseworkers to assign.";

    FldComment => "Kommentar", "Comment";
    FldNote => "Tjänsteanteckning", "Note";
    FldReason => "Skäl", "Reason";
    FldSupplementText => "Vad ska kompletteras", "What to supplement";
    FldDue => "Senast (ÅÅÅÅ-MM-DD)", "Due (YYYY-MM-DD)";
    FldDate => "Datum (ÅÅÅÅ-MM-DD)", "Date (YYYY-MM-DD)";
    FldDescription => "Beskrivning", "Description";
    FldDirection => "Inkommen eller utgående", "Incoming or outgoing";
    FldCounterpart => "Från/till", "From/to";
    FldFile => "Fil (valfri sökväg)", "File (optional path)";
    FldReceived => "Inkommen (ÅÅÅÅ-MM-DD)", "Received (YYYY-MM-DD)";
    FldTitle => "Sammanfattning", "Summary";
    FldAmount => "Sökt belopp (kr)", "Requested amount (SEK)";

    TitleComment => "{0} · punkt {1}: kommentar", "{0} · item {1}: comment";
    TitleNote => "Ny tjänsteanteckning (FL 27 §)", "New note (FL 27 §)";
    TitleReason => "{0}: ange skäl", "{0}: give the reason";
    TitleSupplement => "Begär komplettering", "Request supplement";
    TitleSupplementReply => "Registrera inkommen komplettering", "Register received supplement";
    TitleDocument => "Registrera handling (OSL 5 kap. 2 §)", "Register document (OSL 5 kap. 2 §)";
    TitleNewCase => "Nytt ärende: {0} · {1}", "New case: {0} · {1}";
    TitlePickOrg => "Nytt ärende: välj organisation (skriv för att söka)", "New case: choose organisation (type to search)";
    TitlePickCall => "Nytt ärende: välj utlysning", "New case: choose call";
    TitlePickUser => "Tilldela handläggare", "Assign caseworker";
    TitleStateMenu => "Byt status från {0}", "Change state from {0}";
    EditorFooter => "Ctrl-S sparar · Esc avbryter", "Ctrl-S saves · Esc cancels";
    FormFooter => "Tab nästa fält · Ctrl-S sparar · Esc avbryter", "Tab next field · Ctrl-S saves · Esc cancels";
    PickerFooter => "↑↓ välj · Enter väljer · Esc avbryter", "↑↓ move · Enter chooses · Esc cancels";
    PreviewFooter => "j/k bläddrar · Esc stänger", "j/k scroll · Esc closes";
    NoMatches => "Inga träffar.", "No matches.";

    ValEmpty => "{0}: får inte vara tomt.", "{0}: must not be empty.";
    ValDate => "{0}: {1:?} är inget datum (ÅÅÅÅ-MM-DD).", "{0}: {1:?} is not a date (YYYY-MM-DD).";
    ValNotFuture => "{0}: datumet får inte ligga efter i dag ({1}).", "{0}: the date must not be after today ({1}).";
    ValMustBeFuture => "{0}: datumet måste ligga efter i dag ({1}).", "{0}: the date must be after today ({1}).";
    ValDirection => "{0}: skriv in eller ut.", "{0}: write in or out.";
    ValMoney => "{0}: {1:?} är inget belopp (t.ex. 1 250 000 eller 1250000,50).", "{0}: {1:?} is not an amount (e.g. 1 250 000 or 1250000,50).";
    ValNegative => "{0}: beloppet får inte vara negativt.", "{0}: the amount must not be negative.";
    ValFileMissing => "{0}: filen {1} finns inte.", "{0}: the file {1} does not exist.";
    ValTooLong => "{0}: högst {1} tecken.", "{0}: at most {1} characters.";

    DoneAnswer => "Svar sparat: punkt {0} · {1}.", "Answer saved: item {0} · {1}.";
    DoneTransition => "Ny status: {0}.", "New state: {0}.";
    DoneNote => "Tjänsteanteckningen sparad.", "Note saved.";
    DoneDocument => "Handling {0} registrerad.", "Document {0} registered.";
    DoneSupplement => "Komplettering begärd, senast {0}.", "Supplement requested, due {0}.";
    DoneSupplementReply => "Kompletteringen registrerad; ärendet är åter under handläggning.", "Supplement registered; the case is back in handling.";
    DoneAssigned => "Tilldelat {0}.", "Assigned to {0}.";
    DoneRegistered => "Ärende {0} registrerat.", "Case {0} registered.";
    Conflict => "Ärendet ändrades av {0} {1}; vyn är uppdaterad, gör om ändringen.", "The case was changed by {0} at {1}; the view is reloaded, make your change again.";
    AllAnswered => "Alla punkter är besvarade; s lägger förslag till beslut.", "All items answered; s proposes a decision.";

    LblHandling => "Handläggningstid", "Handling time";
    HandlingValue => "{0} dagar ({1} pausade)", "{0} days ({1} paused)";
    StatutoryDay => "dag {0}", "day {0}";
    EventChecklistChosen => "Checklista vald", "Checklist chosen";

    CheckOk => "OK: databasen är hel; {0} händelser i en obruten kedja.", "OK: the database is sound; {0} events in an unbroken chain.";
    CheckUserUnrecorded => "Användaren {0} finns men ingen händelse registrerade hen: tillagd utanför bidrag.", "The user {0} exists but no event registered them: added outside bidrag.";
    CheckUserRoles => "Användaren {0} har andra roller än händelserna gav: ändrade utanför bidrag.", "The user {0} has other roles than the events gave: changed outside bidrag.";
    CheckUserDelegation => "Användaren {0} har en annan delegation än händelserna gav: ändrad utanför bidrag.", "The user {0} has another delegation than the events gave: changed outside bidrag.";
    CheckUserActive => "Användaren {0} är aktiv eller avaktiverad i strid med händelserna: ändrat utanför bidrag.", "The user {0} is active or deactivated against what the events say: changed outside bidrag.";
    CheckAnchorBad => "{0} är inget ankare: skriv händelsens nummer och de 16 första tecknen i dess hash, som 1234:0123456789abcdef, eller raden från brevet.", "{0} is no anchor: give the event's number and the first 16 characters of its hash, as 1234:0123456789abcdef, or the line from the letter.";
    CheckAnchorsDir => "Kan inte läsa breven i {0}: {1}", "Cannot read the letters in {0}: {1}";
    CheckAnchorMissing => "Ankaret {0} finns inte i kedjan: historiken fram till det har skrivits om eller tagits bort.", "The anchor {0} is not in the chain: the history up to it has been rewritten or removed.";
    CheckAnchorMissingIn => "Ankaret {0} i {1} finns inte i kedjan: historiken fram till brevet har skrivits om eller tagits bort.", "The anchor {0} in {1} is not in the chain: the history up to the letter has been rewritten or removed.";
    CheckAnchorsHeld => "{0} av {1} ankare finns i kedjan.", "{0} of {1} anchors are in the chain.";
    CheckLettersWithout => "{0} brev utan ankare (skickade innan brev fick ett) har inte kunnat prövas.", "{0} letters without an anchor (sent before letters had one) could not be tried.";
    CheckIntegrity => "Integritetskontrollen säger: {0}", "The integrity check says: {0}";
    CheckForeignKey => "Bruten referens: {0} rad {1} pekar på {2} som saknas.", "Broken reference: {0} row {1} points to a missing {2}.";
    CheckChainLink => "Händelsekedjan är bruten vid händelse {0}: föregående hash stämmer inte.", "The event chain is broken at event {0}: the previous hash does not match.";
    CheckChainContent => "Händelsekedjan är bruten vid händelse {0}: innehållet har ändrats efter att det skrevs.", "The event chain is broken at event {0}: its content was changed after it was written.";
    CheckTally => "Räknaren {0} stämmer inte med raderna den räknar (en skrivning utanför bidrag?); rätta med en ny migrering eller kontakta förvaltningen.", "The counter {0} does not match the rows it counts (a write outside bidrag?).";
    CheckSearchText => "Söktexten för {0} ärenden stämmer inte med deras rader (det första: {1}); en skrivning utanför bidrag?", "The search text of {0} cases does not match their rows (the first: {1}); a write outside bidrag?";
    CheckFourEyes => "Beslut {0} i {1} bryter mot fyra ögon: beslutsfattaren var föredragande.", "Decision {0} in {1} breaks four eyes: the decider presented the proposal.";
    CheckJav => "Beslut {0} i {1} bryter mot jäv: beslutsfattaren hade anmält jäv för organisationen.", "Decision {0} in {1} breaks jäv: the decider had declared jäv for the organisation.";
    CheckRecoveryFourEyes => "Återkravsbeslut {0} i {1} bryter mot fyra ögon: beslutsfattaren var föredragande.", "Recovery decision {0} in {1} breaks four eyes: the decider presented it.";
    CheckRecoveryJav => "Återkravsbeslut {0} i {1} bryter mot jäv: beslutsfattaren hade anmält jäv för organisationen.", "Recovery decision {0} in {1} breaks jäv: the decider had declared jäv for the organisation.";

    ActDecide => "Besluta", "Decide";
    ActDispatch => "Expediera beslutet (brev)", "Dispatch the decision (letter)";
    ActCorrect => "Ändra eller rätta beslutet (ett nytt beslut)", "Change or correct the decision (a new decision)";
    TitleCorrect => "Ändrat beslut: {0}", "Changed decision: {0}";
    FldChangeReason => "Motivering för ändringen", "Reason for the change";
    NotSentYet => "Beslutet är inte expedierat; ändringar görs i ett nytt beslut först efter expediering.", "The decision is not dispatched; changes are made as a new decision once it is.";
    AlreadySent => "Beslutet är redan expedierat; ett ändrat beslut görs med c.", "The decision is already dispatched; c makes a changed decision.";
    DoneCorrected => "Ändrat beslut fattat; expediera det med E.", "Changed decision made; dispatch it with E.";
    EventCorrected => "Beslut ändrat", "Decision changed";
    ActJav => "Anmäl eller återkalla jäv", "Declare or withdraw jäv";
    ActDecisionRound => "Beslutstillfälle: besluta förslagen", "Decision round: decide the proposals";
    FldAmountGranted => "Belopp (kr)", "Amount (SEK)";
    FldPeriodFrom => "Bidragsperiod från (ÅÅÅÅ-MM-DD)", "Grant period from (YYYY-MM-DD)";
    FldPeriodTo => "Bidragsperiod till (ÅÅÅÅ-MM-DD)", "Grant period to (YYYY-MM-DD)";
    FldReportDue => "Redovisas senast (ÅÅÅÅ-MM-DD)", "Report due (YYYY-MM-DD)";
    FldMotivation => "Motivering", "Motivation";
    FldRules => "Tillämpade bestämmelser", "Rules applied";
    FldDecisionDate => "Beslutsdatum (ÅÅÅÅ-MM-DD)", "Decision date (YYYY-MM-DD)";
    FldAppeal => "Överklagande", "Appeal";
    FldException => "Motivering för undantag", "Reason for the exception";
    FldLateReason => "Skäl att registrera efter stängning", "Reason to register after closing";
    ValLateReason => "{0}: utlysningen stängde {1}; ett ärende som kom in senare registreras bara med ett skäl, som sparas i historiken.", "{0}: the call closed on {1}; a case received later is registered only with a reason, which is kept in the history.";
    CallClosedLine => "Utlysningen stängde {0}. Kom ärendet in senare, ange skälet att ändå registrera det.", "The call closed on {0}. If the case came in later, give the reason to register it anyway.";
    TitlePickOutcome => "Förslag till beslut: välj utfall", "Proposed decision: choose the outcome";
    TitleProposal => "Förslag till beslut: {0}", "Proposed decision: {0}";
    TitleDecide => "Beslut: {0}", "Decision: {0}";
    TitleJavDeclare => "Anmäl jäv för {0}", "Declare jäv for {0}";
    TitleJavWithdraw => "Återkalla jäv för {0}", "Withdraw jäv for {0}";
    TitleRound => "Beslutstillfälle {0}", "Decision round {0}";
    BudgetLine => "Budget {0} · beviljat {1} · föreslaget {2} · kvar {3}", "Budget {0} · granted {1} · proposed {2} · left {3}";
    ProposalLine => "Förslag: {0}{1} · föredragande {2}", "Proposal: {0}{1} · presented by {2}";
    NotEligibleLine => "{0} saknar {1}; ange en motivering för undantag.", "{0} lacks {1}; give a reason for the exception.";
    StandingLine => "kan söka i steg {0}", "may apply in step {0}";
    LackBesked => "ett positivt besked på en intresseanmälan", "a positive answer on an expression of interest";
    LackMapping => "en avslutad kartläggning med godkänd rapport", "a completed mapping with an approved report";
    DecNotForStep => "Utfallet gäller inte steg {0}.", "The outcome does not apply to step {0}.";
    DecMotivation => "Motivering: krävs för allt utom fullt bifall (FL 32 §).", "Motivation: required for anything but full grant (FL 32 §).";
    DecAmountRequired => "Belopp: krävs vid bifall.", "Amount: required for a grant.";
    DecAmountPositive => "Belopp: måste vara större än 0.", "Amount: must be more than 0.";
    DecAmountBelow => "Belopp: delvis bifall ska vara mindre än sökt belopp ({0}).", "Amount: a partial grant must be less than requested ({0}).";
    DecAmountRequested => "Belopp: fullt bifall är sökt belopp ({0}); välj delvis bifall för ett lägre.", "Amount: a full grant is the requested amount ({0}); choose a partial grant for less.";
    DecAmountWithoutGrant => "Belopp: anges bara vid bifall.", "Amount: given only for a grant.";
    DecPeriodRequired => "Bidragsperiod: krävs vid bifall.", "Grant period: required for a grant.";
    DecPeriodOrder => "Bidragsperiod: slutet ligger före början.", "Grant period: the end is before the start.";
    DecReportRequired => "Redovisas senast: krävs vid bifall.", "Report due: required for a grant.";
    DecReportBeforeEnd => "Redovisas senast: ligger före periodens slut.", "Report due: before the end of the period.";
    DecNotDecisionMaker => "Bara en beslutsfattare kan besluta; du är {0}.", "Only a decision maker can decide; you are {0}.";
    DecSamePerson => "Fyra ögon: du var föredragande och kan inte också besluta.", "Four eyes: you presented the proposal and cannot also decide.";
    DecJav => "Du har anmält jäv för {0} och kan inte besluta.", "You declared jäv for {0} and cannot decide.";
    OverBudget => "Beslutet tar utlysningen {0} över budget. Ctrl-S igen bekräftar; bekräftelsen loggas.", "The decision takes the call {0} over budget. Ctrl-S again confirms; the confirmation is logged.";
    NoProposal => "Ärendet har inget förslag till beslut.", "The case has no proposed decision.";
    NotProposed => "Beslut fattas i status Förslag till beslut; ärendet är {0}.", "Decisions are made in state Proposed decision; the case is {0}.";
    NotDecided => "Expediering kräver ett fattat beslut; ärendet är {0}.", "Dispatch needs a decision; the case is {0}.";
    LetterMissing => "Brevet kan inte skapas; det saknas: {0}.", "The letter cannot be made; missing: {0}.";
    PartMotivation => "motivering", "motivation";
    PartDecider => "beslutsfattare", "decision maker";
    PartPresenter => "föredragande", "presenter";
    PartAppeal => "överklagandetext", "appeal text";
    PartReportDue => "datum för redovisning", "report due date";
    PartAmount => "belopp", "amount";
    JavNoAssign => "{0} har anmält jäv för organisationen.", "{0} has declared jäv for the organisation.";
    RoundEmpty => "Inga förslag väntar på beslut.", "No proposals await a decision.";
    RoundSummary => "{0} förslag beslutas, {1} hoppas över · totalt {2}", "{0} proposals decided, {1} skipped · total {2}";
    RoundSkipped => "hoppas över: {0}", "skipped: {0}";
    DoneProposed => "Förslag till beslut lagt: {0}.", "Decision proposed: {0}.";
    DoneDecided => "Beslutat: {0}.", "Decided: {0}.";
    DoneDispatched => "Beslutet expedierat; brevet är {0}.", "Decision dispatched; the letter is {0}.";
    DoneJavDeclared => "Jäv anmält för {0}.", "Jäv declared for {0}.";
    DoneJavWithdrawn => "Jäv återkallat för {0}.", "Jäv withdrawn for {0}.";
    DoneRound => "Beslutstillfället klart: {0} beslut.", "Decision round done: {0} decisions.";
    DbBusy => "Databasen är upptagen av en annan användare; inget sparades, försök igen om en stund.", "The database is busy with another user; nothing was saved, try again in a moment.";
    ErrLetter => "Brevet kunde inte skrivas: {0}", "The letter could not be written: {0}";
    EventJavDeclared => "Jäv anmält", "Jäv declared";
    EventJavWithdrawn => "Jäv återkallat", "Jäv withdrawn";
    EventDecisionSent => "Beslut expedierat", "Decision dispatched";
    EventOverBudget => "Över budget, bekräftat", "Over budget, confirmed";
    EventRound => "Beslutstillfälle", "Decision round";

    Welcome => "Välkommen, {0}. ? visar tangenterna.", "Welcome, {0}. ? shows the keys.";
    NewUser => "Ny användare {0} registrerad som handläggare.", "New user {0} registered as caseworker.";
    DemoUsers => "Demoanvändare: {0} (välj med --user).", "Demo users: {0} (choose with --user).";
    EscAtTop => "Du är redan överst. q avslutar.", "Already at the top. q quits.";
    NothingToOpen => "Inget ärende att öppna här.", "No case to open here.";
    StatusError => "Fel: {0}", "Error: {0}";
    TooSmall => "Terminalen är för liten: behöver minst {0}×{1}, har {2}×{3}. Inga tangenter verkar förrän den är större; Ctrl-C avslutar.", "Terminal too small: need at least {0}×{1}, have {2}×{3}. No key acts until it is larger; Ctrl-C quits.";
    ReadOnlyDemo => "demo", "demo";

    ErrIsDirectory => "{0} är en katalog, inte en databasfil.", "{0} is a directory, not a database file.";
    ErrNotADatabase => "{0} är ingen SQLite-databas. Filen har inte ändrats.", "{0} is not a SQLite database. The file was not changed.";
    ErrCorrupt => "{0} är skadad och kan inte läsas. Filen har inte ändrats; återställ från en säkerhetskopia.", "{0} is damaged and cannot be read. The file was not changed; restore it from a backup.";
    ErrForeignDatabase => "{0} är en SQLite-databas men inte bidrags. Filen har inte ändrats.", "{0} is a SQLite database, but not a bidrag database. The file was not changed.";
    ErrNewerVersion => "{0} har schemaversion {1}, nyare än den här versionen av bidrag förstår ({2}). Använd en nyare bidrag. Filen har inte ändrats.", "{0} has schema version {1}, newer than this bidrag understands ({2}). Use a newer bidrag. The file was not changed.";
    ErrMissingFolder => "Kan inte skapa {0}: katalogen {1} finns inte.", "Cannot create {0}: the folder {1} does not exist.";
    ErrCannotCreate => "Kan inte skapa {0}: {1}", "Cannot create {0}: {1}";
    ErrCannotOpen => "Kan inte öppna {0}: {1}", "Cannot open {0}: {1}";
    ErrDatabase => "Databasfel: {0}", "Database error: {0}";
    ErrNoDataDir => "Hittar ingen datakatalog för användaren; ange databasen med --db eller BIDRAG_DB.", "No data directory found for this user; name the database with --db or BIDRAG_DB.";
    ErrUserEmpty => "--user: användarnamnet får inte vara tomt.", "--user: the user name must not be empty.";
    ErrUserInvalid => "--user: användarnamnet får bara innehålla bokstäver, siffror, punkt, bindestreck och understreck (högst 64 tecken).", "--user: the user name may hold only letters, digits, dot, hyphen and underscore (at most 64 characters).";
    ErrNoLogin => "Kan inte avgöra inloggningsnamnet; ange --user.", "Cannot tell the login name; use --user.";
    ErrLang => "{0}: okänt språk {1:?}; välj sv eller en.", "{0}: unknown language {1:?}; choose sv or en.";
    ErrConfig => "Konfigurationsfilen {0}: {1}", "Config file {0}: {1}";
    ErrDemoOnData => "--demo: {0} innehåller redan data som inte är demodata; välj en annan fil med --db.", "--demo: {0} already holds data that is not demo data; choose another file with --db.";
    ErrKeymap => "Tangentfilen {0}: {1}", "Key map {0}: {1}";
    ErrChecklistChanged => "Checklistfil {0}: versionen {1} finns redan i databasen med annat innehåll; ge filen ett nytt versionsnummer.", "Checklist file {0}: version {1} is already kept in the database with other content; give the file a new version.";
    ErrExists => "{0} finns redan; bidrag skriver aldrig över en fil. Välj ett nytt filnamn.", "{0} already exists; bidrag never overwrites a file. Choose a new name.";
    ErrBackupCheck => "Säkerhetskopian {0} klarade inte kontrollen; använd den inte.", "The backup {0} failed its check; do not use it.";
    BackupDone => "Säkerhetskopia skriven och kontrollerad: {0} ({1} ärenden).", "Backup written and checked: {0} ({1} cases).";
    ErrDelimiter => "--delimiter: {0:?} duger inte; ange ett tecken som , eller ;.", "--delimiter: {0:?} will not do; give one character such as , or ;.";
    ErrWrite => "Kunde inte skriva: {0}", "Could not write: {0}";
    ExportDone => "{0} rader skrivna till {1}.", "{0} rows written to {1}.";
    RptTitle => "Sammanställning av beviljat statsbidrag", "Summary of granted state grants";
    RptByCounty => "Per län", "By county";
    RptByKind => "Per typ av organisation", "By kind of organisation";
    RptTotal => "Totalt", "Total";
    RptCount => "{0} beviljade ärenden", "{0} granted cases";
    RuleMissing => "saknas", "is missing";
    RuleNegative => "beloppet är negativt", "the amount is negative";
    RuleDate => "är inget datum (ÅÅÅÅ-MM-DD)", "is not a date (YYYY-MM-DD)";
    RuleFuture => "datumet ligger efter i dag", "the date is after today";
    RuleNoOpenCall => "ingen intresseanmälan var öppen det datumet; ange --call eller kolumnen utlysning", "no expression-of-interest call was open that day; give --call or an utlysning column";
    RuleUnknownCall => "utlysningen {0:?} finns inte", "the call {0:?} does not exist";
    RuleUnknownKind => "typen {0:?} finns inte (kommun, region, kommunalförbund, ideell förening, stiftelse, trossamfund)", "the kind {0:?} does not exist (kommun, region, kommunalförbund, ideell förening, stiftelse, trossamfund)";
    RuleUnknownOrg => "organisationen är okänd och raden saknar namn", "the organisation is unknown and the row has no name";
    RuleEmail => "är ingen e-postadress", "is not an e-mail address";
    RuleDuplicate => "samma som rad {0}", "the same as line {0}";
    OrgNrEmpty => "tomt", "empty";
    OrgNrChar => "tecknet {0:?} är ingen siffra", "the character {0:?} is not a digit";
    OrgNrDash => "bindestrecket står fel", "the dash is in the wrong place";
    OrgNrLength => "{0} siffror; ska vara 10 eller 12", "{0} digits; must be 10 or 12";
    OrgNrCentury => "12-siffrig form ska börja med 16, 19 eller 20", "the 12-digit form must start with 16, 19 or 20";
    OrgNrCheck => "kontrollsiffran {0} stämmer inte (ska vara {1})", "check digit {0} does not match (should be {1})";
    MoneyEmpty => "tomt", "empty";
    MoneyChar => "tecknet {0:?} hör inte till ett belopp", "the character {0:?} does not belong in an amount";
    MoneyDecimals => "fler än två decimaler", "more than two decimals";
    MoneyGrouping => "siffergrupperna ska ha tre siffror", "digit groups must have three digits";
    MoneyOverflow => "för stort", "too large";
    ImpRead => "Inläst: {0} ({1}) · {2} rader", "Read: {0} ({1}) · {2} rows";
    ImpError => "rad {0}, kolumn {1}: {2}", "line {0}, column {1}: {2}";
    ImpIgnored => "Kolumner som inte läses: {0}", "Columns not read: {0}";
    ImpWould => "Provkörning: {0} ärenden och {1} organisationer skulle skapas; {2} rader finns redan. Inget skrevs.", "Dry run: {0} cases and {1} organisations would be created; {2} rows exist already. Nothing was written.";
    ImpDone => "Importerat: {0} ärenden och {1} organisationer; {2} rader fanns redan.", "Imported: {0} cases and {1} organisations; {2} rows existed already.";
    ImpRefused => "{0} fel; inget importerades.", "{0} errors; nothing was imported.";
    ImpFile => "{0}: {1}", "{0}: {1}";
    ErrXlsxOut => "Excel skrivs till en fil: ange --out FIL.xlsx.", "Excel is written to a file: give --out FILE.xlsx.";
    ActImport => "Importera en fil (provkörs först)", "Import a file (dry run first)";
    ActStatistics => "Statistik och beviljat", "Statistics and grants";
    TitleImport => "Importera: provkörningen visas innan något skrivs", "Import: the dry run is shown before anything is written";
    FldImportFile => "Fil (CSV eller JSON)", "File (CSV or JSON)";
    FldImportKind => "Innehåll", "Holds";
    FldImportCall => "Utlysning", "Call";
    ValImportKind => "{0}: skriv ärenden eller organisationer.", "{0}: write cases or organisations.";
    TitleImportPreview => "Provkörning av {0}", "Dry run of {0}";
    ImpConfirm => "Ctrl-S importerar precis detta; Esc avbryter.", "Ctrl-S imports exactly this; Esc cancels.";
    TitleStats => "Statistik", "Statistics";
    StatsByState => "Ärenden per status", "Cases by state";
    StatsByStep => "Ärenden per steg", "Cases by step";
    StatsByCall => "Ärenden och pengar per utlysning", "Cases and money by call";
    TblEmpty => "filen är tom", "the file is empty";
    RuleReformArea => "reformområdet {0:?} finns inte (boende, utbildning, arbete, demokrati, brott, annat)", "the reform area {0:?} does not exist (boende, utbildning, arbete, demokrati, brott, annat)";
    AreaHousing => "Boende", "Housing";
    AreaEducation => "Utbildning", "Education";
    AreaLabour => "Arbetsmarknad", "Labour market";
    AreaDemocracy => "Demokrati och civilsamhälle", "Democracy and civil society";
    AreaCrime => "Brottslighet", "Crime";
    AreaOther => "Annat", "Other";
    LblReformAreas => "Reformområden", "Reform areas";
    ActReformAreas => "Ange reformområden", "Set reform areas";
    // queues, search and triage (issue 5)
    ActNextCase => "Nästa ärende", "Next case";
    ActPrevCase => "Föregående ärende", "Previous case";
    ActFilter => "Filtrera", "Filter";
    ActSearch => "Sök överallt", "Search everywhere";
    ActCycleSort => "Byt ordning (inkommen, frist, organisation)", "Change order (received, deadline, organisation)";
    ActToggleMark => "Markera", "Mark";
    ActPalette => "Kommandon", "Commands";
    ActSaveQueue => "Spara filtret som kö", "Save the filter as a queue";
    ActDeleteQueue => "Ta bort sparad kö", "Delete saved queue";
    ActOrganisationView => "Visa organisationen", "Show the organisation";
    CtxFilter => "Filter", "Filter";
    TriageNextOpened => "Ärendet lämnade listan; nästa är öppnat.", "The case left the list; the next one is open.";
    TriageEmpty => "Listan är tom: allt klart.", "The list is empty: all done.";
    TriageLast => "Det här är sista ärendet i listan.", "This is the last case in the list.";
    TriageFirst => "Det här är första ärendet i listan.", "This is the first case in the list.";
    SearchUnknownField => "Okänt fält {0}: (använd {1})", "Unknown field {0}: (use {1})";
    SearchEmptyValue => "{0}: behöver ett värde", "{0}: needs a value";
    SearchUnknownStatus => "Okänd status {0:?}", "Unknown status {0:?}";
    SearchUnknownStep => "Okänt steg {0:?} (1–4)", "Unknown step {0:?} (1–4)";
    SortedBy => "Ordnat efter {0}.", "Ordered by {0}.";
    SortReceived => "inkommen", "received";
    SortDeadline => "frist", "deadline";
    SortOrganisation => "organisation", "organisation";
    MarkInList => "Markera ärenden i ärendelistan (4).", "Mark cases in the case list (4).";
    Marked => "{0} markerade. a/A tilldelar, s byter status, Esc avmarkerar.", "{0} marked. a/A assigns, s changes state, Esc unmarks.";
    MarksCleared => "Markeringarna togs bort.", "Marks cleared.";
    TitlePalette => "Kommandon", "Commands";
    TitleSaveQueue => "Spara filtret som kö", "Save the filter as a queue";
    FldQueueName => "Namn", "Name";
    SaveQueueNeedsFilter => "Filtrera först (/ eller f), spara sedan med w.", "Filter first (/ or f), then save with w.";
    QueueSaved => "Kön {0:?} sparades.", "Queue {0:?} saved.";
    QueueDeleted => "Den sparade kön togs bort.", "The saved queue was deleted.";
    DeleteQueueNone => "Välj en sparad kö i Köer (3) för att ta bort den.", "Choose a saved queue in Queues (3) to delete it.";
    BatchNothing => "Inget ärende valt: markera med mellanslag.", "No case chosen: mark with Space.";
    TitleBatchState => "Ändra status för {0} ärenden", "Change state of {0} cases";
    TitleBatchPreview => "{0} ändras, {1} hoppas över · Ctrl-S utför, Esc avbryter", "{0} change, {1} skipped · Ctrl-S applies, Esc cancels";
    BatchAssignLine => "tilldelas {0}", "assigned to {0}";
    BatchStateLine => "{0} → {1}", "{0} → {1}";
    BatchSkipped => "hoppas över: {0}", "skipped: {0}";
    BatchAlreadyAssigned => "redan tilldelad", "already assigned";
    BatchJav => "jäv för organisationen", "disqualified for the organisation";
    BatchDone => "{0} ärenden ändrades i en transaktion.", "{0} cases changed in one transaction.";
    TitleOrganisation => "Organisation · {0}", "Organisation · {0}";
    OrgSummary => "{0} ärenden · beviljat totalt {1}", "{0} cases · granted in total {1}";
    OrgCases => "Ärenden (dnr, steg, status, beviljat, utlysning)", "Cases (reg. no., step, state, granted, call)";
    OrgReports => "Rapporter som väntas", "Reports expected";
    OrgReportLate => "försenad", "overdue";
    OrgContacts => "Kontaktpersoner", "Contact persons";
    ColNext => "Nästa steg", "Next";
    ColDeadline => "Frist", "Deadline";
    NextStatutory => "6 mån (FL 12 §) om {0} d", "6 months (FL 12 §) in {0} d";
    NextStatutoryPassed => "6 mån (FL 12 §) passerad för {0} d sedan", "6 months (FL 12 §) passed {0} d ago";
    NextSupplementOverdue => "komplettering förföll för {0} dagar sedan", "supplement overdue by {0} days";
    NextAwaitingSupplement => "väntar på komplettering till {0}", "awaiting supplement until {0}";
    NextAssign => "tilldela handläggare", "assign a caseworker";
    NextUnansweredMandatory => "{0} obligatoriska punkter obesvarade", "{0} mandatory items unanswered";
    NextUnanswered => "{0} punkter obesvarade", "{0} items unanswered";
    NextPropose => "föreslå beslut", "propose a decision";
    NextAwaitingDecider => "väntar på beslutsfattare", "awaiting the decision-maker";
    NextDispatch => "expediera beslutet", "dispatch the decision";
    NextReportOverdue => "rapporten försenad {0} dagar", "report overdue by {0} days";
    NextAwaitingReport => "rapport senast {0}", "report due {0}";
    NextNothing => "inget att göra", "nothing to do";
    BriefStatutory => "FL 12 § om {0} d", "FL 12 § in {0} d";
    BriefStatutoryPassed => "FL 12 § passerad {0} d", "FL 12 § passed {0} d";
    BriefSupplementOverdue => "kompl. försenad {0} d", "suppl. late {0} d";
    BriefAwaitingSupplement => "kompl. till {0}", "suppl. until {0}";
    BriefUnansweredMandatory => "{0} obl. obesvarade", "{0} mandatory open";
    BriefUnanswered => "{0} obesvarade", "{0} unanswered";
    BriefAwaitingDecider => "hos beslutsfattare", "with decision-maker";
    BriefReportOverdue => "rapport försenad {0} d", "report late {0} d";
    BriefAwaitingReport => "rapport {0}", "report {0}";
    SearchTitle => "Sökning", "Search";
    FilterHint => "skriv för att filtrera; fält: dnr: kommun: län: status: steg: handläggare:", "type to filter; fields: dnr: kommun: län: status: steg: handläggare:";
    ErrKeymapUser => "{0}: {1}", "{0}: {1}";
    DemoScaled => "{0}: {1} ärenden på {2} s.", "{0}: {1} cases in {2} s.";
    FldReformAreas => "Reformområden (boende, utbildning, arbete, demokrati, brott, annat)", "Reform areas (boende, utbildning, arbete, demokrati, brott, annat)";
    DoneReformAreas => "Reformområden sparade.", "Reform areas saved.";
    RptByArea => "Per reformområde (ett bidrag med flera områden räknas under vart och ett)", "By reform area (a grant with several areas counts under each)";
    EventReformAreas => "Reformområden satta", "Reform areas set";
    Crashed => "bidrag avbröts av ett internt fel. Allt som hade sparats finns kvar. Detaljer: {0}", "bidrag stopped on an internal error. Everything saved is still there. Details: {0}";
    ReadOnlyRefused => "Databasen är skrivskyddad (filen eller katalogen går inte att skriva); ändringar är avstängda.", "The database is read-only (the file or folder cannot be written); changes are off.";
    ReadOnlyBanner => "SKRIVSKYDDAD", "READ-ONLY";
    ReadOnlyOpened => "Databasen öppnades skrivskyddad: ändringar är avstängda.", "The database was opened read-only: changes are off.";
    ErrReadOnlyNeedsWrite => "{0} är skrivskyddad och måste uppgraderas eller fyllas först; öppna den en gång med skrivrätt.", "{0} is read-only and needs an upgrade or filling first; open it once with write access.";
    ValChoose => "{0}: välj ett alternativ (Enter visar dem).", "{0}: choose an option (Enter shows them).";
    ChoiceNone => "(välj med Enter)", "(choose with Enter)";
    ImportKindApplications => "Ansökningar och intresseanmälningar", "Applications and expressions of interest";
    ImportKindOrganisations => "Organisationer", "Organisations";
    ImportCallFromFile => "Enligt filens kolumn utlysning", "As the file's call column says";
    TitlePickChoice => "Välj: {0}", "Choose: {0}";
    ConfirmCloseCall => "Stäng utlysningen {0}? Den tar inte emot fler ansökningar efter {1}. Enter stänger, Esc avbryter.", "Close the call {0}? It takes no more applications after {1}. Enter closes, Esc cancels.";
    ConfirmDeleteQueue => "Ta bort den sparade kön {0}? Enter tar bort, Esc avbryter.", "Delete the saved queue {0}? Enter deletes, Esc cancels.";
    TitleConfirm => "Bekräfta", "Confirm";
    LetterConfirm => "Så här lyder brevet. När beslutet expedieras kan det inte längre ändras; en ändring blir ett nytt beslut. Ctrl-S expedierar, Esc avbryter.", "This is the letter. Once the decision is dispatched it can no longer change; a change becomes a new decision. Ctrl-S dispatches, Esc cancels.";
    TitleLetter => "Brev: {0}", "Letter: {0}";
    LetterFooter => "Ctrl-S expediera · Esc avbryt · ↑↓ bläddra", "Ctrl-S dispatch · Esc cancel · ↑↓ scroll";
    ConfirmFooter => "Enter ja · Esc nej", "Enter yes · Esc no";
    WorkCancelled => "Avbrutet; inget skrevs.", "Cancelled; nothing was written.";
    WorkRunning => "Vänta tills arbetet som pågår är klart (Esc avbryter det).", "Wait until the work under way is done (Esc cancels it).";
    WorkCancelling => "Avbryter …", "Cancelling …";
    WorkImportCheck => "Läser och kontrollerar filen", "Reading and checking the file";
    WorkImport => "Importerar", "Importing";
    WorkBatchPreview => "Läser de markerade ärendena", "Reading the marked cases";
    WorkBatch => "Ändrar de markerade ärendena", "Changing the marked cases";
    WorkRound => "Beslutstillfälle", "Decision round";
    WorkProgress => "{0}: {1} av {2} · Esc avbryter", "{0}: {1} of {2} · Esc cancels";
    WorkStarted => "{0} … · Esc avbryter", "{0} … · Esc cancels";
    ImpMoreRows => "  … och {0} rader till", "  … and {0} more rows";
    ErrUserOnlyDemo => "--user {0}: en annan användare kan bara väljas i en demodatabas. Här är du det konto du är inloggad som, så att fyra ögon och jäv gäller den som faktiskt handlägger.", "--user {0}: another user can be chosen only in a demo database. Here you are the account you are logged in as, so that four eyes and jäv hold for whoever actually acts.";
    ErrNotRegistered => "Kontot {0} är inte registrerat som användare i den här databasen. Be en administratör lägga till dig (bidrag user add {0} …). Inget skrevs.", "The account {0} is not registered as a user in this database. Ask an administrator to add you (bidrag user add {0} …). Nothing was written.";
    ErrUserDeactivated => "Användaren {0} är avaktiverad och kan inte handlägga. Be en administratör. Inget skrevs.", "The user {0} is deactivated and cannot act. Ask an administrator. Nothing was written.";
    FirstAdmin => "{0} är databasens första administratör.", "{0} is the database's first administrator.";
    ErrNoDatabase => "Databasen {0} finns inte. Skapa den med: bidrag init --db {0}", "The database {0} does not exist. Create it with: bidrag init --db {0}";
    NothingWritten => "Inget skrevs.", "Nothing was written.";
    ErrNotFound => "Hittades inte: {0}. Inget skrevs.", "Not found: {0}. Nothing was written.";
    ErrOption => "{0} {1}: {2}", "{0} {1}: {2}";
    OptRoles => "okänd roll; roller är registrator, handläggare, beslutsfattare, attestant och administratör, åtskilda med komma", "unknown role; the roles are registrator, handläggare, beslutsfattare, attestant and administratör, separated by commas";
    OptOutcomes => "okänt beslut; skriv t.ex. bifall, delvis_bifall, avslag, avvisning, positivt_besked, negativt_besked, åtskilda med komma", "unknown outcome; write e.g. bifall, delvis_bifall, avslag, avvisning, positivt_besked, negativt_besked, separated by commas";
    OptAmount => "inget belopp i kronor (t.ex. 1 250 000)", "not an amount in kronor (e.g. 1 250 000)";
    OptDate => "inget datum (ÅÅÅÅ-MM-DD)", "not a date (YYYY-MM-DD)";
    OptStep => "steget är 1, 2, 3 eller 4", "the step is 1, 2, 3 or 4";
    OptRegulation => "förordningen är 2018:118 (kommuner och regioner) eller 2018:119 (ideella organisationer)", "the förordning is 2018:118 (kommuner and regioner) or 2018:119 (civil society organisations)";
    OptSitting => "skriv beslutstillfället som DAG/SISTA-INKOMSTDAG, t.ex. 2027-03-15/2027-02-28", "write the decision sitting as DAY/LAST-DAY-OF-RECEIPT, e.g. 2027-03-15/2027-02-28";
    OptSetting => "okänd inställning; de är agency_name, dnr_prefix, agency_address, agency_org_nr och agency_contact", "unknown setting; they are agency_name, dnr_prefix, agency_address, agency_org_nr and agency_contact";
    ErrOptionMissing => "En ny utlysning behöver {0}. Inget skrevs.", "A new call needs {0}. Nothing was written.";
    ErrNoSuchUser => "Ingen användare har inloggningen {0}. Inget skrevs.", "No user has the login {0}. Nothing was written.";
    UserAdded => "Användaren {0} är registrerad.", "The user {0} is registered.";
    UserChanged => "Användaren {0} är ändrad.", "The user {0} is changed.";
    UserActivated => "Användaren {0} är aktiv igen.", "The user {0} is active again.";
    UserDeactivated => "Användaren {0} är inaktiverad; historiken finns kvar.", "The user {0} is deactivated; their history stays.";
    AllOutcomes => "alla beslut", "all decisions";
    DelegationUpTo => "{0} upp till {1}", "{0} up to {1}";
    Deactivated => "inaktiverad", "deactivated";
    CallAdded => "Utlysningen {0} är skapad (id {1}).", "The call {0} is created (id {1}).";
    CallChanged => "Utlysningen {0} är ändrad.", "The call {0} is changed.";
    CallClosedNow => "Utlysningen {0} är stängd från {1}.", "The call {0} is closed from {1}.";
    StepN => "steg {0}", "step {0}";
    CasesN => "{0} ärenden", "{0} cases";
    SettingChanged => "{0} är ändrad.", "{0} is changed.";
    RefMissingRole => "Det här kräver rollen {0}; be en administratör.", "This needs the role {0}; ask an administrator.";
    Or => "eller", "or";
    RefMissingRoles => "Det här kräver någon av rollerna {0}; be en administratör.", "This needs one of the roles {0}; ask an administrator.";
    RefDeactivated => "Du är avaktiverad och kan inte handlägga.", "You are deactivated and cannot act.";
    RefDelegationOutcome => "Din delegation omfattar inte beslut om {0}.", "Your delegation does not cover decisions of {0}.";
    RefDelegationAmount => "Din delegation räcker till {0}; beslutet gäller {1}.", "Your delegation goes up to {0}; the decision is for {1}.";
    RefCallName => "Namn: får inte vara tomt.", "Name: must not be empty.";
    RefCallNameTaken => "Namn: en annan utlysning heter så.", "Name: another call has that name.";
    RefControl => "{0}: kontrolltecken är inte tillåtna.", "{0}: control characters are not allowed.";
    RefCallCloses => "Stänger: måste vara samma dag som utlysningen öppnar eller senare.", "Closes: must be the day the call opens or later.";
    RefCallBudget => "Budget: får inte vara negativ.", "Budget: must not be negative.";
    RefCallCommitment => "Bemyndiganderam: får inte vara negativ.", "Authorisation for later years: must not be negative.";
    RefCallSitting => "Beslutstillfällen: sista inkomstdag {0} för beslutstillfället {1} ligger utanför utlysningens period eller efter beslutstillfället.", "Decision sittings: the cut-off {0} of the sitting on {1} lies outside the call's period or after the sitting.";
    RefCallSittingTwice => "Beslutstillfällen: två den {0}.", "Decision sittings: two on {0}.";
    RefCallDecided => "Utlysningen har beslut; steg och förordning kan inte ändras.", "The call has decisions; its step and förordning cannot change.";
    RefUnknownKommun => "Kommuner: {0} är ingen kommun.", "Kommuner: {0} is no kommun.";
    RefUserLogin => "Inloggning: kontonamnet får bara innehålla bokstäver, siffror, punkt, bindestreck och understreck (högst 64 tecken).", "Login: the account name may hold only letters, digits, dot, hyphen and underscore (at most 64 characters).";
    RefUserName => "Namn: får inte vara tomt.", "Name: must not be empty.";
    RefUserNoRole => "Roller: välj minst en.", "Roles: choose at least one.";
    RefUserDelegation => "Delegation: gäller bara en beslutsfattare.", "Delegation: only for a decision maker.";
    RefDuplicateLogin => "Inloggning: {0} finns redan.", "Login: {0} exists already.";
    RefLastAdmin => "Den sista aktiva administratören kan inte förlora rollen eller avaktiveras.", "The last active administrator cannot lose the role or be deactivated.";
    RefSettingRequired => "får inte vara tomt", "must not be empty";
    RefSettingControl => "kontrolltecken är inte tillåtna", "control characters are not allowed";
    RefSettingPrefix => "1–12 versaler A–Z", "1–12 capital letters A–Z";
    RefSettingOrgNr => "inget giltigt organisationsnummer", "no valid organisation number";
    RefCallNotOpen => "Utlysningen {0} är inte öppen (den är öppen {1}–{2}); ändra datumen i stället.", "The call {0} is not open (it is open {1} to {2}); change its dates instead.";
    RefCallClosed => "Utlysningen {0} är stängd; ange ett skäl för att registrera ändå.", "The call {0} is closed; give a reason to register anyway.";
    AdmFldTitle => "Titel", "Title";
    AdmRoleRegistrar => "Registrator", "Registrar";
    AdmRoleCaseworker => "Handläggare", "Caseworker";
    AdmRoleDecisionMaker => "Beslutsfattare", "Decision maker";
    AdmRoleAttestant => "Attestant", "Attestant";
    AdmRoleAdministrator => "Administratör", "Administrator";
    RegMunicipal => "kommuner, regioner och kommunalförbund", "kommuner, regioner and kommunalförbund";
    RegCivilSociety => "ideella organisationer", "civil society organisations";
    AdmTabCalls => "Utlysningar", "Calls";
    AdmTabUsers => "Användare", "Users";
    AdmTabSettings => "Inställningar", "Settings";
    AdmTabHistory => "Historik", "History";
    AdmTitle => "Administration", "Administration";
    AdmCallAdded => "Utlysningen {0} är skapad.", "The call {0} is created.";
    AdmFldLogin => "Inloggning (kontonamn)", "Login (account name)";
    AdmFldName => "Namn", "Name";
    AdmFldOutcomes => "Delegation: beslut (tomt = alla)", "Delegation: decisions (empty = all)";
    AdmFldMax => "Delegation: högsta belopp (tomt = ingen gräns)", "Delegation: largest amount (empty = no limit)";
    AdmTitleUser => "Användare {0}", "User {0}";
    AdmTitleNewUser => "Ny användare", "New user";
    AdmFldCallName => "Namn", "Name";
    AdmFldStep => "Steg", "Step";
    AdmFldRegulation => "Förordning", "Förordning";
    AdmFldVersion => "Förordningens lydelse (SFS)", "Wording in force (SFS)";
    AdmFldOpens => "Öppnar", "Opens";
    AdmFldCloses => "Stänger", "Closes";
    AdmFldBudget => "Budget (kr)", "Budget (SEK)";
    AdmFldCommitment => "Bemyndiganderam senare år (kr)", "Commitments for later years (SEK)";
    AdmFldSittings => "Beslutstillfällen (dag/sista inkomstdag, en per rad)", "Decision sittings (day/last day of receipt, one a line)";
    AdmFldKommuner => "Kommuner som får söka (tomt = alla)", "Eligible kommuner (empty = all)";
    AdmFldChecklist => "Checklista (tomt = stegets gällande)", "Checklist (empty = the step's current)";
    AdmFldConditions => "Villkor i beslutsbreven", "Conditions in decision letters";
    AdmFldAppeal => "Överklagandeklausul", "Appeal clause";
    AdmFldAppealParagraph => "Paragraf för överklagande", "Paragraph of the appeal clause";
    AdmTitleCall => "Utlysning {0}", "Call {0}";
    AdmTitleNewCall => "Ny utlysning", "New call";
    AdmTitleSetting => "Ändra: {0}", "Change: {0}";
    ValOutcome => "{0}: {1} är inget beslut (t.ex. bifall, delvis bifall, avslag).", "{0}: {1} is no outcome (e.g. bifall, delvis bifall, avslag).";
    ValSitting => "{1}: skriv beslutstillfället som DAG/SISTA INKOMSTDAG, t.ex. 2027-04-20/2027-03-31.", "{1}: write the sitting as DAY/LAST DAY OF RECEIPT, e.g. 2027-04-20/2027-03-31.";
    ActAdministration => "Utlysningar, användare, inställningar", "Calls, users, settings";
    ActAdminNew => "Ny", "New";
    ActAdminEdit => "Ändra", "Edit";
    ActAdminToggle => "Stäng utlysningen; avaktivera eller aktivera användaren", "Close the call; deactivate or activate the user";
    AdmOpen => "öppen", "open";
    AdmClosed => "stängd", "closed";
    AdmEmpty => "Inget att visa.", "Nothing to show.";
    AdmBudget => "Budget", "Budget";
    AdmCommitment => "Bemyndiganderam senare år", "Commitments for later years";
    FormScrolled => "Fält {0}–{1} av {2}; Tab går vidare.", "Fields {0}–{1} of {2}; Tab moves on.";
    AdmCutoff => "inkommet senast", "received by";
    AdmWording => "i lydelse", "as worded by";
    AdmSittings => "Beslutstillfällen", "Decision sittings";
    AdmKommuner => "Kommuner som får söka", "Eligible kommuner";
    AdmAllKommuner => "alla", "all";
    AdmChecklist => "Checklista", "Checklist";
    AdmRoles => "Roller", "Roles";
    AdmDelegation => "Delegation", "Delegation";
    AdmReadOnly => "Du kan se uppsättningen; ändringar kräver rollen administratör.", "You can look at the set-up; changes need the administrator role.";
    RefUnknownItem => "Checklistan har ingen punkt med nyckeln {0}; läs in ärendet igen.", "The checklist has no item with the key {0}; reload the case.";
    RefNoChecklistFor => "Det finns ingen checklista för steg {0}.", "There is no checklist for step {0}.";
    RefTextRequired => "Texten får inte vara tom.", "The text must not be empty.";
    RefOwnAct => "{0} görs med sitt eget formulär, inte som en ren statusändring.", "{0} is done with its own form, not as a plain state change.";
    RefNotLatest => "Ärendet har ett nyare förslag eller beslut än det som visades; läs in ärendet igen.", "The case has a newer proposal or decision than the one shown; reload the case.";
    RefNotCaseworker => "{0} är inte handläggare och kan inte tilldelas ärenden.", "{0} is not a caseworker and cannot be given cases.";
    RefUnknownUser => "Användaren (id {0}) finns inte i databasen.", "The user (id {0}) is not in the database.";
    RefNotEligible => "Organisationen saknar {0}; ange en motivering för undantag.", "The organisation lacks {0}; give a reason for the exception.";
    RefPlanSum => "Delbetalningarna måste tillsammans bli det beviljade beloppet, {0}.", "The instalments must add up to the granted amount, {0}.";
    ContactArchived => "Kontakten är avsändare eller mottagare i registrerade handlingar ({0}); allmänna handlingar gallras bara enligt gallringsbeslut. Inget ändrades.", "The contact is sender or recipient of registered documents ({0}); public records are only weeded under a weeding decision. Nothing was changed.";
    ContactMissing => "Kontakt {0} finns inte.", "Contact {0} does not exist.";
    ContactRemoved => "Kontakt {0} borttagen; händelsen loggad.", "Contact {0} removed; the event is logged.";
    ContactPseudonymised => "Kontakt {0} pseudonymiserad; händelsen loggad.", "Contact {0} pseudonymised; the event is logged.";
    InitDone => "Databasen {0} är klar ({1} ärenden).", "The database {0} is ready ({1} cases).";
    ErrTemplateFile => "Brevmall {0}", "Letter template {0}";
    TplMissing => "{{{0}}} saknas, och brevet måste ha det (förvaltningslagen 32–33 §§)", "{{{0}}} is missing, and the letter must have it (förvaltningslagen 32–33 §§)";
    TplUnknown => "{{{0}}} är inget fält i brevet", "{{{0}}} is no field of the letter";
    TplUnclosed => "ett {{#bidrag}}-block stängs aldrig med {{/bidrag}}", "a {{#bidrag}} block is never closed with {{/bidrag}}";
    ErrChecklistFile => "Checklistfil: {0}", "Checklist file: {0}";
    ClSyntax => "inte giltig TOML: {0}", "not valid TOML: {0}";
    ClEmptyField => "`{0}` får inte vara tomt", "`{0}` must not be empty";
    ClBadStep => "steg {0} finns inte (1–4)", "step {0} does not exist (1–4)";
    ClNoItems => "checklistan har inga punkter", "the checklist has no items";
    ClEmptyItemField => "punkt {0}: `{1}` får inte vara tomt", "item {0}: `{1}` must not be empty";
    ClDuplicateKey => "punktnyckeln {0:?} finns två gånger", "item key {0:?} appears twice";
    ClBadKey => "punktnyckeln {0:?} får bara innehålla a–z, 0–9 och _", "item key {0:?} may hold only a–z, 0–9 and _";
    ClUnreadable => "{0}: kan inte läsas: {1}", "{0}: cannot be read: {1}";
    ClTwoForStep => "{0} och {1} är båda checklistor för steg {2}", "{0} and {1} are both checklists for step {2}";
    ErrNotTerminal => "bidrag behöver en terminal: standard in och ut får inte vara omdirigerade.", "bidrag needs a terminal: standard input and output must not be redirected.";
    ErrTerminal => "Terminalen kunde inte användas: {0}", "The terminal could not be used: {0}";

    // follow-up (issue 6)
    FuTab => "Uppföljning", "Follow-up";
    FuActTab => "Fliken Uppföljning", "Follow-up tab";
    FuActPlan => "Sätt betalningsplan", "Set payment plan";
    FuActPaid => "Markera delbetalning utbetald", "Mark instalment paid";
    FuActReport => "Registrera inkommen rapport", "Register received report";
    FuActReview => "Granska rapport", "Review report";
    FuActRecovery => "Öppna återkrav", "Open recovery claim";
    FuActDecideRecovery => "Besluta återkrav", "Decide recovery claim";
    FuActRepayment => "Registrera återbetalning", "Register repayment";
    FuTitlePlan => "Betalningsplan · beviljat {0}", "Payment plan · granted {0}";
    FuTitlePaid => "Utbetalning av delbetalning {0} ({1})", "Payment of instalment {0} ({1})";
    FuTitleReport => "Inkommen {0} (senast {1})", "Received {0} (due {1})";
    FuTitleReview => "Granskning av {0}", "Review of {0}";
    FuTitleRecovery => "Återkrav · kommunicering", "Recovery claim · communication";
    FuTitleDecideRecovery => "Beslut om återkrav av {0}", "Decision on recovery of {0}";
    FuTitleRepayment => "Återbetalning · kvar {0}", "Repayment · left {0}";
    FuFldInstalments => "Antal delbetalningar", "Number of instalments";
    FuFldFirstDue => "Första utbetalning (ÅÅÅÅ-MM-DD)", "First payment (YYYY-MM-DD)";
    FuFldMonths => "Månader mellan delbetalningar", "Months between instalments";
    FuFldGated => "Lägesrapport före delbetalning nr (tomt = ingen)", "Progress report before instalment no. (empty = none)";
    FuFldProgressDue => "Lägesrapport senast (ÅÅÅÅ-MM-DD)", "Progress report due (YYYY-MM-DD)";
    FuFldPaidOn => "Utbetald den (ÅÅÅÅ-MM-DD)", "Paid on (YYYY-MM-DD)";
    FuFldAmount => "Belopp (kr)", "Amount (SEK)";
    FuFldReceivedOn => "Inkom den (ÅÅÅÅ-MM-DD)", "Received on (YYYY-MM-DD)";
    FuFldLines => "Använt per budgetpost (Post: belopp; …)", "Used per budget line (Line: amount; …)";
    FuFldAnswers => "Svar per punkt", "Answer per item";
    FuFldOutcome => "Utfall", "Outcome";
    FuFldComment => "Kommentar", "Comment";
    FuFldGround => "Grund", "Ground";
    FuFldCommunicated => "Kommunicerad den (ÅÅÅÅ-MM-DD)", "Communicated on (YYYY-MM-DD)";
    FuFldResponseDue => "Svar senast (ÅÅÅÅ-MM-DD)", "Response due (YYYY-MM-DD)";
    FuFldDecision => "Beslut", "Decision";
    FuFldWaived => "Efterges (kr, vid delvis)", "Waived (SEK, if partly)";
    FuFldMotivation => "Motivering (krävs för eftergift)", "Reasons (required for a waiver)";
    FuFldDecidedOn => "Beslutsdatum (ÅÅÅÅ-MM-DD)", "Decision date (YYYY-MM-DD)";
    FuFldPayBy => "Betalas senast (ÅÅÅÅ-MM-DD)", "Pay by (YYYY-MM-DD)";
    FuFldRepaidOn => "Inbetald den (ÅÅÅÅ-MM-DD)", "Paid in on (YYYY-MM-DD)";
    FuNotGranted => "Ärendet har inget beviljat belopp att följa upp.", "The case has no granted amount to follow up.";
    FuPlanPaid => "Betalningsplanen kan inte ändras: en delbetalning är redan utbetald.", "The payment plan cannot change: an instalment is already paid.";
    FuNothingToPay => "Det finns ingen delbetalning kvar att betala ut.", "No instalment is left to pay.";
    FuNotDispatched => "Beslutet är inte expedierat; inget kan betalas ut än.", "The decision is not dispatched; nothing can be paid yet.";
    FuGated => "Delbetalning {0} väntar på en godkänd lägesrapport.", "Instalment {0} waits for an approved progress report.";
    FuNoReportExpected => "Ingen rapport väntas.", "No report is expected.";
    FuNoReportToReview => "Ingen inkommen rapport väntar på granskning.", "No received report awaits review.";
    FuNothingPaid => "Inget är utbetalt; det finns inget att återkräva.", "Nothing is paid; there is nothing to recover.";
    FuNoRecoveryToDecide => "Inget återkrav väntar på beslut.", "No recovery claim awaits a decision.";
    FuNoRecoveryToRepay => "Inget beslutat återkrav har något kvar att betala.", "No decided recovery claim has anything left to pay.";
    FuValPositive => "{0}: beloppet måste vara större än noll.", "{0}: the amount must be more than zero.";
    FuValAtMost => "{0}: högst {1}.", "{0}: at most {1}.";
    FuValRange => "{0}: ett heltal 1–{1}.", "{0}: a whole number 1–{1}.";
    FuValGate => "{0}: en delbetalning 2–{1} (den första betalas på beslutet).", "{0}: an instalment 2–{1} (the first is paid on the decision).";
    FuValGateDate => "{0}: lägesrapporten ska komma in före delbetalning {1} ({2}).", "{0}: the progress report must come before instalment {1} ({2}).";
    FuValLinesEmpty => "{0}: ange minst en post, t.ex. Personal: 120 000 (eller 0).", "{0}: give at least one line, e.g. Staff: 120 000 (or 0).";
    FuValLinesMalformed => "{0}: post {1} saknar namn eller belopp (Post: belopp).", "{0}: line {1} lacks a name or an amount (Line: amount).";
    FuValLinesAmount => "{0}: post {1} har inget giltigt belopp.", "{0}: line {1} has no valid amount.";
    FuValAnswers => "{0}: ange {1} svar, ett per punkt (u, d, e eller x).", "{0}: give {1} answers, one per item (u, d, e or x).";
    FuValOutcome => "{0}: skriv godkänd, komplettering eller återkrav.", "{0}: write godkänd, komplettering or återkrav.";
    FuValUnmet => "{0}: obligatorisk punkt {1} är inte uppfylld; rapporten kan inte godkännas.", "{0}: mandatory item {1} is not met; the report cannot be approved.";
    FuValComment => "{0}: krävs när ett svar inte är uppfyllt eller rapporten inte godkänns.", "{0}: required when an answer is not met or the report is not approved.";
    FuValGround => "{0}: ange 1–5.", "{0}: give 1–5.";
    FuValResponse => "{0}: måste ligga efter kommuniceringen.", "{0}: must come after the communication.";
    FuValDecision => "{0}: skriv krav, helt eller delvis.", "{0}: write krav, helt or delvis.";
    FuValMotivation => "{0}: en eftergift måste motiveras (särskilda skäl).", "{0}: a waiver must give its reasons (special grounds).";
    FuValWaiver => "{0}: mer än noll och mindre än det återkrävda, {1}.", "{0}: more than zero and less than the claim, {1}.";
    FuValBeforeResponse => "{0}: beslut först när svarstiden har gått ut ({1}).", "{0}: decide only after the response time has ended ({1}).";
    FuDonePlan => "Betalningsplanen sparad: {0} delbetalningar.", "Payment plan saved: {0} instalments.";
    FuDonePaid => "Delbetalning {0} utbetald: {1}.", "Instalment {0} paid: {1}.";
    FuDoneReport => "Rapporten registrerad som {0}.", "Report registered as {0}.";
    FuDoneReview => "Rapporten granskad: {0}.", "Report reviewed: {0}.";
    FuDoneRecovery => "Återkrav öppnat; kommuniceringen registrerad.", "Recovery claim opened; the communication registered.";
    FuDoneRecoveryDecided => "Återkravet beslutat; brevet: {0}", "Recovery claim decided; the letter: {0}";
    FuDoneRepayment => "Återbetalning registrerad; kvar {0}.", "Repayment registered; left {0}.";
    FuGrantedLine => "Beviljat {0} · utbetalt {1}", "Granted {0} · paid {1}";
    FuUnusedLine => "Använt {0} · outnyttjat {1}", "Used {0} · unused {1}";
    FuUsedOnly => "Använt {0}", "Used {0}";
    FuOverUsed => "Använt {0} · ÖVER beviljat med {1}", "Used {0} · OVER the grant by {1}";
    FuRecoveryInfo => "Grund: {0} · återkrävt {1} · föredragande {2} · svar senast {3}", "Ground: {0} · claimed {1} · presented by {2} · response due {3}";
    FuReportProgress => "Lägesrapport", "Progress report";
    FuReportFinal => "Slutrapport", "Final report";
    FuReviewApproved => "godkänd", "approved";
    FuReviewSupplement => "komplettering", "supplement";
    FuReviewRecovery => "återkrav", "recovery";
    FuGroundUnused => "outnyttjade medel", "unused funds";
    FuGroundPurpose => "ej använt för ändamålet", "not used for the purpose";
    FuGroundMissing => "rapport saknas", "report missing";
    FuGroundWrongInfo => "felaktiga uppgifter", "wrong information";
    FuGroundConditions => "villkor ej uppfyllda", "conditions not met";
    FuDecClaim => "krav", "claim";
    FuDecWaiveAll => "eftergift helt", "waived wholly";
    FuDecWaivePart => "eftergift delvis", "waived partly";
    FuRecCommunicated => "kommunicerat, svar senast {0}", "communicated, response due {0}";
    FuRecClaimed => "krav, kvar {0}", "claimed, left {0}";
    FuRecPartly => "delvis återbetalt, kvar {0}", "partly repaid, left {0}";
    FuRecSettled => "reglerat", "settled";
    FuLetterReason => "Grunden för återkravet är: {0}.", "The ground for the claim is: {0}.";
    FuEmpty => "Ingen uppföljning: ärendet har inget beviljat belopp.", "No follow-up: the case has no granted amount.";
    FuSectionPlan => "Betalningsplan", "Payment plan";
    FuSectionReports => "Rapporter", "Reports";
    FuSectionRecoveries => "Återkrav", "Recovery claims";
    FuInstalmentNo => "Delbetalning {0}", "Instalment {0}";
    FuPaid => "utbetald {0}: {1}", "paid {0}: {1}";
    FuUnpaid => "ej utbetald", "not paid";
    FuNeedsReport => "väntar på godkänd lägesrapport", "waits for an approved progress report";
    FuExpected => "väntas", "expected";
    FuOverdue => "FÖRSENAD", "OVERDUE";
    FuReceived => "inkom {0}", "received {0}";
    FuReviewed => "granskad {0}: {1}", "reviewed {0}: {1}";
    FuRecoveryRow => "Återkrav ({0})", "Recovery ({0})";
    FuSummary => "Beviljat {0} · utbetalt {1} · återkrav kvar att betala {2}", "Granted {0} · paid {1} · recovery left to pay {2}";
    FuColWhat => "Vad", "What";
    FuColDate => "Datum", "Date";
    FuColAmount => "Belopp", "Amount";
    FuColStatus => "Status", "Status";
    FuEvPlan => "Betalningsplan satt", "Payment plan set";
    FuEvPaid => "Delbetalning utbetald", "Instalment paid";
    FuEvReportExpected => "Rapport väntas", "Report expected";
    FuEvReportReceived => "Rapport inkommen", "Report received";
    FuEvReportReviewed => "Rapport granskad", "Report reviewed";
    FuEvRecoveryOpened => "Återkrav öppnat", "Recovery claim opened";
    FuEvRecoveryDecided => "Återkrav beslutat", "Recovery claim decided";
    FuEvRepayment => "Återbetalning registrerad", "Repayment registered";
    EventEligibility => "Undantag från behörighetskravet", "Eligibility exception";
    EventImported => "Importerat", "Imported";
    EventUserCreated => "Användare registrerad", "User registered";
    EventReferenceData => "Referensdata inläst", "Reference data loaded";
    EventContactPseudonymised => "Kontaktperson pseudonymiserad", "Contact person pseudonymised";
    EventContactRemoved => "Kontaktperson borttagen", "Contact person removed";
    EventOrgNrSet => "Organisationsnummer satt", "Organisation number set";
    EventUserChanged => "Användare ändrad", "User changed";
    EventUserDeactivated => "Användare avaktiverad", "User deactivated";
    EventUserActivated => "Användare aktiverad", "User activated";
    EventSettingChanged => "Inställning ändrad", "Setting changed";
    EventCallCreated => "Utlysning skapad", "Call created";
    EventCallChanged => "Utlysning ändrad", "Call changed";
    EventCallClosed => "Utlysning stängd", "Call closed";
    EventClosedCallOverridden => "Registrerat i stängd utlysning", "Registered in a closed call";

    // History in people's words (issue 15): one sentence per event.
    HistUnknownKind => "Händelse av okänd typ ({0})", "Event of an unknown kind ({0})";
    HistUnknown => "okänt", "unknown";
    HistNone => "ingen", "none";
    HistNoAreas => "inga", "none";
    HistRegistered => "Ärendet {0} registrerat: {1}", "Case {0} registered: {1}";
    HistRegisteredIn => "Ärendet {0} registrerat med status {2}: {1}", "Case {0} registered in state {2}: {1}";
    HistAssigned => "Tilldelat {0}", "Assigned to {0}";
    HistReassigned => "Tilldelat {1} (förut {0})", "Assigned to {1} (before: {0})";
    HistUnassigned => "Tilldelningen borttagen (förut {0})", "Assignment removed (before: {0})";
    HistGranted => "Beviljat belopp: {0}", "Granted amount: {0}";
    HistSupplementDue => "Komplettering senast: {0}", "Supplement due: {0}";
    HistReportDue => "Rapport senast: {0}", "Report due: {0}";
    HistChecklistChosen => "Checklista: {0}", "Checklist: {0}";
    HistChecklistTitle => "{0} (version {1})", "{0} (version {1})";
    HistChecklistVersion => "checklista version {0}", "checklist version {0}";
    HistUnknownItem => "En punkt som inte finns i checklistan", "An item not in the checklist";
    HistDocument => "Handling {0} registrerad ({1}): {2}", "Document {0} registered ({1}): {2}";
    HistIncoming => "inkommande", "incoming";
    HistOutgoing => "utgående", "outgoing";
    HistNote => "Tjänsteanteckning: {0}", "Note: {0}";
    HistProposed => "Förslag till beslut: {0}", "Proposed decision: {0}";
    HistDecided => "Beslut: {0}", "Decision: {0}";
    HistSent => "Beslutet expedierat {0}", "Decision dispatched {0}";
    HistSentOf => "Beslutet av {1} expedierat {0}", "Decision of {1} dispatched {0}";
    HistRound => "Beslutstillfälle {0}", "Decision round {0}";
    HistOverBudget => "Beslutet går över utlysningens budget; bekräftat", "The decision goes over the call's budget; confirmed";
    HistCorrected => "Beslutet ändrat", "Decision changed";
    HistCorrectedOf => "Beslutet av {0} ändrat", "Decision of {0} changed";
    HistJavDeclaredFor => "Jäv anmält för {0}", "Jäv declared for {0}";
    HistJavWithdrawnFor => "Jäv återkallat för {0}", "Jäv withdrawn for {0}";
    HistAreas => "Reformområden: {0}", "Reform areas: {0}";
    HistEligibility => "Registrerat trots att behörighet saknas: {0}", "Registered although the organisation is not eligible: {0}";
    HistImported => "Importerat från {0}", "Imported from {0}";
    HistPlan => "Betalningsplan: {0}", "Payment plan: {0}";
    HistPaid => "Delbetalning {0} utbetald {1}: {2}", "Instalment {0} paid {1}: {2}";
    HistReport => "Rapport", "Report";
    HistReportExpected => "{0} senast {1}", "{0} due {1}";
    HistReportReceived => "{0} inkom {1} som handling {2}; använt {3}", "{0} received {1} as document {2}; used {3}";
    HistReportReviewed => "{0} granskad: {1}", "{0} reviewed: {1}";
    HistRecoveryOpened => "Återkrav av {0} ({1}); svar senast {2}", "Recovery claim of {0} ({1}); response due {2}";
    HistRecoveryDecided => "Återkrav beslutat: {0}", "Recovery claim decided: {0}";
    HistWaived => "{0} efterges", "{0} waived";
    HistRepayment => "Återbetalning {0}, betald {1}", "Repayment of {0}, paid {1}";
    HistUserCreated => "Användare {0} registrerad ({1})", "User {0} registered ({1})";
    HistReferenceData => "Referensdata inläst: {0} organisationer och {1} utlysningar", "Reference data loaded: {0} organisations and {1} calls";
    HistContactPseudonymised => "Kontaktperson nr {0} pseudonymiserad", "Contact person no. {0} pseudonymised";
    HistContactRemoved => "Kontaktperson nr {0} borttagen", "Contact person no. {0} removed";
    HistOrgNr => "Organisationsnummer {1} satt för {0}", "Organisation number {1} set for {0}";
    HistUserChanged => "Användare {0} ändrad: {1}", "User {0} changed: {1}";
    HistUserDeactivated => "Användare {0} avaktiverad", "User {0} deactivated";
    HistUserActivated => "Användare {0} aktiverad igen", "User {0} activated again";
    HistSettingChanged => "{0}: {1}", "{0}: {1}";
    HistCallCreated => "Utlysning {0} skapad: steg {1}, förordningen ({2}), {3}–{4}, budget {5}", "Call {0} created: step {1}, förordning ({2}), {3}–{4}, budget {5}";
    HistCallChanged => "Utlysning {0} ändrad: {1}", "Call {0} changed: {1}";
    HistCallClosed => "Utlysning {0} stängd {1}", "Call {0} closed on {1}";
    HistClosedCall => "Registrerat fast utlysningen var stängd", "Registered although the call was closed";
    HistRoles => "roller {0}", "roles {0}";
    HistTitle => "titel {0}", "title {0}";
    HistName => "namn {0}", "name {0}";
    HistDelegation => "delegation {0}", "delegation {0}";
    HistDelegationAll => "alla beslut", "every decision";
    HistUpTo => "högst {0}", "at most {0}";
    HistChangedParts => "{0}", "{0}";
    CallFldName => "namn", "name";
    CallFldPeriod => "period", "period";
    CallFldBudget => "budget", "budget";
    CallFldCommitment => "bemyndiganderam", "authorisation for later years";
    CallFldRegulation => "förordning", "förordning";
    CallFldTexts => "brevtexter", "letter texts";
    CallFldSittings => "beslutstillfällen", "decision sittings";
    CallFldKommuner => "kommuner som får söka", "eligible kommuner";
    CallFldChecklist => "checklista", "checklist";
    CallFldStep => "steg", "step";
    SetAgencyName => "Myndighetens namn", "Agency name";
    SetDnrPrefix => "Diarienummerprefix", "Diary number prefix";
    SetPostalAddress => "Postadress", "Postal address";
    SetOrgNr => "Myndighetens organisationsnummer", "Agency organisation number";
    SetContact => "Kontaktrad i breven", "Contact line in letters";
    HistOrgNrPlain => "Organisationsnummer {0} satt", "Organisation number {0} set";
    // review fixes
    RuleOtherNumber => "{0:?} fick ett annat organisationsnummer på en tidigare rad", "{0:?} got another organisation number on an earlier line";
    RuleCallConflict => "raden anger utlysningen {0:?} men --call anger {1:?}", "the row names the call {0:?} but --call names {1:?}";
    RuleAmountPositive => "en ansökan (steg 2–3) måste ange ett belopp över noll", "an application (steps 2–3) must give an amount above zero";
    RuleTooEarly => "datumet ligger före 2018-01-01, då statsbidraget började", "the date is before 2018-01-01, when the grant began";
    RuleNotEligible => "organisationen kan inte söka i steg {0}: den saknar {1}", "the organisation cannot apply in step {0}: it lacks {1}";
    DecAmountAbove => "Belopp: får inte vara mer än sökt belopp ({0}).", "Amount: must not be more than requested ({0}).";
    RptUnknownCounty => "Okänt län", "Unknown county";
    RptTotalRow => "Totalt", "Total";
    RptHOrganisation => "organisation", "organisation";
    RptHOrgNr => "organisationsnummer", "org_number";
    RptHKind => "typ", "kind";
    RptHCounty => "lan", "county";
    RptHCall => "utlysning", "call";
    RptHStep => "steg", "step";
    RptHAreas => "reformomraden", "reform_areas";
    RptHArea => "reformomrade", "reform_area";
    RptHAmount => "belopp", "amount";
    RptSheetGranted => "Beviljat", "Granted";
    RptSheetCounty => "Per län", "By county";
    RptSheetKind => "Per typ", "By kind";
    RptSheetArea => "Per reformområde", "By reform area";
    ImportKindCases => "ärenden", "cases";

    // multi-year (issue 6)
    MyFldYears => "Belopp per år (ÅÅÅÅ: belopp; tomt = ett år)", "Amount per year (YYYY: amount; empty = one year)";
    MyValUnparsable => "{0}: del {1} är inte ÅÅÅÅ: belopp (t.ex. 2026: 500 000; 2027: 300 000).", "{0}: part {1} is not YYYY: amount (e.g. 2026: 500 000; 2027: 300 000).";
    MyValYear => "{0}: del {1} har inget årtal med fyra siffror.", "{0}: part {1} has no four-digit year.";
    MyValAmount => "{0}: del {1} har inget belopp över noll.", "{0}: part {1} has no amount above zero.";
    MyValDuplicate => "{0}: året {1} står två gånger.", "{0}: the year {1} appears twice.";
    MyValBeforeDecision => "{0}: året {1} ligger före beslutsåret {2}.", "{0}: the year {1} is before the decision year {2}.";
    MyValFirstYear => "{0}: första året {1} ska vara beslutsåret {2} eller bidragsperiodens startår ({3}).", "{0}: the first year {1} must be the decision year {2} or the grant period's start year ({3}).";
    MyValSum => "{0}: åren summerar till {1} men beloppet är {2}; åren ska summera till beloppet.", "{0}: the years add up to {1} but the amount is {2}; the years must add up to the amount.";
    MyLblYears => "Belopp per år", "Amount per year";
    MyLater => "åtagande", "commitment";
    MyUnassigned => "Åtaganden utan utlysning (inget anslag för året ännu)", "Commitments without a call (no call for the year yet)";
    MyUnassignedRow => "{0} · {1}: {2}", "{0} · {1}: {2}";

    // Files and input (issues 19 and 20): import, export, reports, backups, the demo file.
    ErrReadOnlyImport => "{0} är skrivskyddad (filen eller dess mapp): importen kan inte skriva något där. --dry-run provkör utan att skriva.", "{0} is read-only (the file or its folder): the import cannot write anything there. --dry-run checks without writing.";
    OrgNrAllZero => "bara nollor är inget organisationsnummer", "all zeros is no organisation number";
    ErrWriteFile => "Kunde inte skriva {0}: {1}. Ingen fil med det namnet skapades; försök igen när felet är åtgärdat.", "Could not write {0}: {1}. No file of that name was created; try again once the cause is dealt with.";
    DemoLeftoverRemoved => "Tog bort {0}, som en avbruten generering lämnade.", "Removed {0}, left by a generation that was stopped.";
    RptTOrganisation => "Organisation", "Organisation";
    RptTOrgNr => "Organisationsnummer", "Org. number";
    RptTKind => "Typ", "Kind";
    RptTCounty => "Län", "County";
    RptTCall => "Utlysning", "Call";
    RptTStep => "Steg", "Step";
    RptTAreas => "Reformområden", "Reform areas";
    RptTAmount => "Belopp", "Amount";
    ImpWarning => "rad {0}, kolumn {1}: {2} (varning; hindrar inte importen)", "line {0}, column {1}: {2} (warning; does not stop the import)";
    ImpMoreErrors => "… och {0} fel till", "… and {0} more errors";
    ImpMoreWarnings => "… och {0} varningar till", "… and {0} more warnings";
    WarnNameDiffers => "organisationsnumret hör till {0:?}, raden anger {1:?}; raden importeras till {0:?}", "the organisation number belongs to {0:?}, the row gives {1:?}; the row is imported for {0:?}";
    RuleCallClosed => "utlysningen {0} stängde {1}; ett ärende som kom in senare registreras i vyn (n), där skälet att ändå ta upp det skrivs in", "the call {0} closed on {1}; a case received later is registered in the interface (n), where the reason to take it up anyway is given";
    RuleColumnTwice => "kolumnen läses redan från rubriken {0:?}; ta bort den ena", "the column is read already from the header {0:?}; remove one of them";
    TblAtCell => "rad {0}, kolumn {1}", "row {0}, column {1}";
    TblAtCellNamed => "rad {0}, kolumn {1} ({2})", "row {0}, column {1} ({2})";
    TblAtText => "rad {0}, tecken {1}", "line {0}, character {1}";
    TblIo => "kan inte läsas: {0}", "cannot be read: {0}";
    TblTooLarge => "filen är större än {0}, den största fil en import läser; dela upp den i flera filer", "the file is larger than {0}, the largest file an import reads; split it into several files";
    TblControl => "{0}: styrtecknet {1} hör inte hemma i en cell", "{0}: the control character {1} does not belong in a cell";
    TblStrayByte => "{0}: byten {1} är inte UTF-8 fast resten av filen är det; rätta tecknet och spara filen som UTF-8 igen", "{0}: the byte {1} is not UTF-8 though the rest of the file is; correct the character and save the file as UTF-8 again";
    TblNotText => "{0}: byten {1} är varken UTF-8 eller Windows-1252; är det en textfil?", "{0}: the byte {1} is neither UTF-8 nor Windows-1252; is this a text file?";
    TblUnclosedQuote => "{0}: citattecknet som öppnar cellen stängs aldrig", "{0}: the quote that opens the cell is never closed";
    TblAfterQuote => "{0}: text efter cellens avslutande citattecken", "{0}: text after the cell's closing quote";
    TblExtraField => "{0}: ett värde utanför rubrikraden, som har {1} kolumner", "{0}: a value outside the header row, which has {1} columns";
    TblCellTooLong => "{0}: cellen är längre än {1} byte", "{0}: the cell is longer than {1} bytes";
    TblTooManyColumns => "rad {0}: fler än {1} kolumner", "row {0}: more than {1} columns";
    TblJsonAt => "{0}: ogiltig JSON: {1}", "{0}: invalid JSON: {1}";
    TblJsonDuplicate => "{0}: nyckeln {1:?} står två gånger i samma objekt", "{0}: the key {1:?} appears twice in one object";
    TblJsonShapeAt => "{0}: JSON ska vara en lista av objekt", "{0}: JSON must be an array of objects";
    TblJsonValue => "{0}: värdet för {1:?} ska vara text, ett tal, true/false eller null", "{0}: the value of {1:?} must be text, a number, true/false or null";
    TblRecordTooLong => "{0}: objektet är längre än {1} byte", "{0}: the object is longer than {1} bytes";
    TblJsonTrailing => "{0}: text efter JSON-listans slut", "{0}: text after the end of the JSON array";

    // screens and terminal (issues 19 and 20)
    ScBudgetLine => "Budget {0} · kvar {1} · beviljat {2} {3}, utbetalt {4} · föreslaget {5}", "Budget {0} · left {1} · granted {2} {3}, paid {4} · proposed {5}";
    ScBudgetCommitted => " · åtaget från tidigare år {0}, utbetalt {1}", " · committed from earlier years {0}, paid {1}";
    ScOrgRecoveries => "Återkrav", "Recovery claims";
    ScOrgStanding => "Behörighet: kan söka i steg {0} (högst {1})", "Standing: may apply in step {0} (at most {1})";
    ScOrgJav => "Jäv anmält av", "Jäv declared by";
    ScHintMet => "Uppfyllt", "Met";
    ScHintPartly => "Delvis", "Partly";
    ScHintNotMet => "Ej uppfyllt", "Not met";
    ScHintNotApplicable => "Ej aktuellt", "N/A";
    ScHintPlan => "Betalningsplan", "Payment plan";
    ScHintPaid => "Utbetald", "Paid";
    ScHintReport => "Rapport in", "Report in";
    ScHintReview => "Granska", "Review";
    ScHintRecovery => "Återkrav", "Recovery";
    ScHintDecideRecovery => "Besluta återkrav", "Decide recovery";
    ScHintRepayment => "Återbetalning", "Repayment";
    ScConflictKept => "Ärendet ändrades av {0} {1}; vyn är uppdaterad och det du skrev är kvar: Ctrl-S sparar det mot ärendet som det är nu.", "The case was changed by {0} at {1}; the view is reloaded and what you typed is kept: Ctrl-S saves it against the case as it is now.";
    ScRecoveryWaits => "Återkravet kan beslutas när svarstiden gått ut, från {0}.", "The recovery claim can be decided once the response time is over, from {0}.";
    ScBudgetLater => " · åtaget senare år {0}, utbetalt {1}", " · committed for later years {0}, paid {1}";
}

/// Fills "{0}", "{1}" … (and "{1:?}" as a quoted value) in a catalogue text.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = template.to_string();
    for (i, a) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}:?}}"), &format!("\"{a}\""));
        out = out.replace(&format!("{{{i}}}"), a);
    }
    out
}

/// Looks up `key` and fills its placeholders.
pub fn tr(lang: Lang, key: T, args: &[&str]) -> String {
    fill(key.text(lang), args)
}

pub fn sort(s: crate::domain::search::Sort) -> T {
    use crate::domain::search::Sort;
    match s {
        Sort::Received => T::SortReceived,
        Sort::Deadline => T::SortDeadline,
        Sort::Organisation => T::SortOrganisation,
    }
}

/// The next action in words: `mandatory` counts say so.
pub fn next_action(lang: Lang, n: crate::domain::search::NextAction) -> String {
    use crate::domain::search::NextAction as N;
    match n {
        N::Statutory { days } if days < 0 => {
            tr(lang, T::NextStatutoryPassed, &[&(-days).to_string()])
        }
        N::Statutory { days } => tr(lang, T::NextStatutory, &[&days.to_string()]),
        N::SupplementOverdue { days } => tr(lang, T::NextSupplementOverdue, &[&days.to_string()]),
        N::AwaitingSupplement { due } => tr(lang, T::NextAwaitingSupplement, &[&due.to_string()]),
        N::Assign => T::NextAssign.text(lang).to_string(),
        N::Unanswered {
            count,
            mandatory: true,
        } => tr(lang, T::NextUnansweredMandatory, &[&count.to_string()]),
        N::Unanswered { count, .. } => tr(lang, T::NextUnanswered, &[&count.to_string()]),
        N::Propose => T::NextPropose.text(lang).to_string(),
        N::AwaitingDecider => T::NextAwaitingDecider.text(lang).to_string(),
        N::Dispatch => T::NextDispatch.text(lang).to_string(),
        N::ReportOverdue { days } => tr(lang, T::NextReportOverdue, &[&days.to_string()]),
        N::AwaitingReport { due } => tr(lang, T::NextAwaitingReport, &[&due.to_string()]),
        N::Nothing => T::NextNothing.text(lang).to_string(),
    }
}

/// The next action as a list cell says it: the same fact in at most 23 columns, so that a
/// date or a count is never cut (the case header says it in full).
pub fn next_action_brief(lang: Lang, n: crate::domain::search::NextAction) -> String {
    use crate::domain::search::NextAction as N;
    match n {
        N::Statutory { days } if days < 0 => {
            tr(lang, T::BriefStatutoryPassed, &[&(-days).to_string()])
        }
        N::Statutory { days } => tr(lang, T::BriefStatutory, &[&days.to_string()]),
        N::SupplementOverdue { days } => tr(lang, T::BriefSupplementOverdue, &[&days.to_string()]),
        N::AwaitingSupplement { due } => tr(lang, T::BriefAwaitingSupplement, &[&due.to_string()]),
        N::Unanswered {
            count,
            mandatory: true,
        } => tr(lang, T::BriefUnansweredMandatory, &[&count.to_string()]),
        N::Unanswered { count, .. } => tr(lang, T::BriefUnanswered, &[&count.to_string()]),
        N::AwaitingDecider => T::BriefAwaitingDecider.text(lang).to_string(),
        N::ReportOverdue { days } => tr(lang, T::BriefReportOverdue, &[&days.to_string()]),
        N::AwaitingReport { due } => tr(lang, T::BriefAwaitingReport, &[&due.to_string()]),
        _ => next_action(lang, n),
    }
}

pub fn step(s: Step) -> T {
    match s {
        Step::Interest => T::StepInterest,
        Step::Mapping => T::StepMapping,
        Step::Measures => T::StepMeasures,
        Step::FinalReport => T::StepReport,
    }
}

pub fn state(s: CaseState) -> T {
    match s {
        CaseState::Received => T::StateReceived,
        CaseState::InProgress => T::StateInProgress,
        CaseState::SupplementRequested => T::StateSupplement,
        CaseState::ProposedDecision => T::StateProposed,
        CaseState::Decided => T::StateDecided,
        CaseState::Dispatched => T::StateDispatched,
        CaseState::Ongoing => T::StateOngoing,
        CaseState::ReportDue => T::StateReportDue,
        CaseState::Closed => T::StateClosed,
        CaseState::Withdrawn => T::StateWithdrawn,
        CaseState::WrittenOff => T::StateWrittenOff,
    }
}

pub fn queue(q: Queue) -> T {
    match q {
        Queue::New => T::QueueNew,
        Queue::Mine => T::QueueMine,
        Queue::Unassigned => T::QueueUnassigned,
        Queue::AwaitingSupplement => T::QueueAwaiting,
        Queue::ReadyForDecision => T::QueueReady,
        Queue::ToDispatch => T::QueueToDispatch,
        Queue::Overdue => T::QueueOverdue,
        Queue::AllOpen => T::QueueAllOpen,
    }
}

pub fn org_kind(k: OrgKind) -> T {
    match k {
        OrgKind::Kommun => T::KindKommun,
        OrgKind::Region => T::KindRegion,
        OrgKind::Kommunalforbund => T::KindKommunalforbund,
        OrgKind::IdeellForening => T::KindForening,
        OrgKind::Stiftelse => T::KindStiftelse,
        OrgKind::Trossamfund => T::KindTrossamfund,
    }
}

pub fn outcome(o: Outcome) -> T {
    match o {
        Outcome::Positive => T::OutcomePositive,
        Outcome::Negative => T::OutcomeNegative,
        Outcome::Granted => T::OutcomeGranted,
        Outcome::PartlyGranted => T::OutcomePartly,
        Outcome::Rejected => T::OutcomeRejected,
        Outcome::Dismissed => T::OutcomeDismissed,
        Outcome::WrittenOff => T::OutcomeWrittenOff,
        Outcome::Approved => T::OutcomeApproved,
    }
}

pub fn answer(a: Option<Answer>) -> T {
    match a {
        Some(Answer::Met) => T::AnswerMet,
        Some(Answer::Partly) => T::AnswerPartly,
        Some(Answer::NotMet) => T::AnswerNotMet,
        Some(Answer::NotApplicable) => T::AnswerNotApplicable,
        None => T::AnswerNone,
    }
}

pub fn report_kind(k: crate::domain::followup::ReportKind) -> T {
    use crate::domain::followup::ReportKind;
    match k {
        ReportKind::Progress => T::FuReportProgress,
        ReportKind::Final => T::FuReportFinal,
    }
}

pub fn review_outcome(o: crate::domain::followup::ReviewOutcome) -> T {
    use crate::domain::followup::ReviewOutcome;
    match o {
        ReviewOutcome::Approved => T::FuReviewApproved,
        ReviewOutcome::Supplement => T::FuReviewSupplement,
        ReviewOutcome::Recovery => T::FuReviewRecovery,
    }
}

pub fn ground(g: crate::domain::followup::Ground) -> T {
    use crate::domain::followup::Ground;
    match g {
        Ground::UnusedFunds => T::FuGroundUnused,
        Ground::NotForPurpose => T::FuGroundPurpose,
        Ground::ReportMissing => T::FuGroundMissing,
        Ground::WrongInformation => T::FuGroundWrongInfo,
        Ground::ConditionsNotMet => T::FuGroundConditions,
    }
}

pub fn recovery_decision(k: crate::domain::followup::RecoveryDecisionKind) -> T {
    use crate::domain::followup::RecoveryDecisionKind;
    match k {
        RecoveryDecisionKind::Claim => T::FuDecClaim,
        RecoveryDecisionKind::WaiveAll => T::FuDecWaiveAll,
        RecoveryDecisionKind::WaivePart => T::FuDecWaivePart,
    }
}

pub fn transition(t: Transition) -> T {
    match t {
        Transition::StartHandling => T::TrStartHandling,
        Transition::RequestSupplement => T::TrRequestSupplement,
        Transition::SupplementReceived => T::TrSupplementReceived,
        Transition::Propose => T::TrPropose,
        Transition::Reopen => T::TrReopen,
        Transition::Decide => T::TrDecide,
        Transition::Dispatch => T::TrDispatch,
        Transition::StartWork => T::TrStartWork,
        Transition::AwaitReport => T::TrAwaitReport,
        Transition::Close => T::TrClose,
        Transition::Withdraw => T::TrWithdraw,
        Transition::WriteOff => T::TrWriteOff,
    }
}

pub fn reform_area(a: crate::domain::ReformArea) -> T {
    use crate::domain::ReformArea as A;
    match a {
        A::Housing => T::AreaHousing,
        A::Education => T::AreaEducation,
        A::Labour => T::AreaLabour,
        A::Democracy => T::AreaDemocracy,
        A::Crime => T::AreaCrime,
        A::Other => T::AreaOther,
    }
}

pub fn role(r: Role) -> T {
    match r {
        Role::Registrar => T::RoleRegistrar,
        Role::Attestant => T::RoleAttestant,
        Role::Caseworker => T::RoleCaseworker,
        Role::DecisionMaker => T::RoleDecisionMaker,
        Role::Administrator => T::RoleAdministrator,
    }
}

/// A role as a form's toggle names it (capitalised).
pub fn role_label(r: Role) -> T {
    match r {
        Role::Registrar => T::AdmRoleRegistrar,
        Role::Attestant => T::AdmRoleAttestant,
        Role::Caseworker => T::AdmRoleCaseworker,
        Role::DecisionMaker => T::AdmRoleDecisionMaker,
        Role::Administrator => T::AdmRoleAdministrator,
    }
}

/// A förordning as a picker offers it: number and who it is for.
pub fn regulation_label(lang: Lang, r: crate::domain::admin::Regulation) -> String {
    use crate::domain::admin::Regulation as R;
    let who = match r {
        R::Municipal => T::RegMunicipal,
        R::CivilSociety => T::RegCivilSociety,
    };
    format!("{} ({})", r.sfs(), who.text(lang))
}

/// A setting's name.
pub fn setting(s: crate::domain::admin::Setting) -> T {
    use crate::domain::admin::Setting as S;
    match s {
        S::AgencyName => T::SetAgencyName,
        S::DnrPrefix => T::SetDnrPrefix,
        S::PostalAddress => T::SetPostalAddress,
        S::OrgNr => T::SetOrgNr,
        S::Contact => T::SetContact,
    }
}

/// A document's direction as a word of its own ("Inkommen", "Utgående").
pub fn direction_name(d: Direction) -> T {
    match d {
        Direction::Incoming => T::DirectionIncoming,
        Direction::Outgoing => T::DirectionOutgoing,
    }
}

pub fn direction(d: Direction) -> T {
    match d {
        Direction::Incoming => T::DirectionIn,
        Direction::Outgoing => T::DirectionOut,
    }
}

pub fn decision_kind(k: DecisionKind) -> T {
    match k {
        DecisionKind::Proposal => T::DecisionKindProposal,
        DecisionKind::Decision => T::DecisionKindDecision,
    }
}

/// The label of an event kind.
pub fn event_kind(kind: EventKind) -> T {
    use EventKind as K;
    match kind {
        K::CaseRegistered => T::EventCaseRegistered,
        K::StateChanged => T::EventStateChanged,
        K::Assigned => T::EventAssigned,
        K::GrantedAmountSet => T::EventGranted,
        K::SupplementDueSet => T::EventSupplementDue,
        K::ReportDueSet => T::EventReportDue,
        K::ChecklistAnswered => T::EventChecklist,
        K::DocumentRegistered => T::EventDocument,
        K::NoteAdded => T::EventNote,
        K::DecisionProposed => T::EventProposed,
        K::DecisionMade => T::EventDecided,
        K::ChecklistChosen => T::EventChecklistChosen,
        K::JavDeclared => T::EventJavDeclared,
        K::JavWithdrawn => T::EventJavWithdrawn,
        K::DecisionSent => T::EventDecisionSent,
        K::OverBudgetConfirmed => T::EventOverBudget,
        K::DecisionRound => T::EventRound,
        K::DecisionCorrected => T::EventCorrected,
        K::ReformAreasSet => T::EventReformAreas,
        K::PaymentPlanSet => T::FuEvPlan,
        K::InstalmentPaid => T::FuEvPaid,
        K::ReportExpected => T::FuEvReportExpected,
        K::ReportReceived => T::FuEvReportReceived,
        K::ReportReviewed => T::FuEvReportReviewed,
        K::RecoveryOpened => T::FuEvRecoveryOpened,
        K::RecoveryDecided => T::FuEvRecoveryDecided,
        K::RepaymentRegistered => T::FuEvRepayment,
        K::EligibilityOverridden => T::EventEligibility,
        K::Imported => T::EventImported,
        K::UserCreated => T::EventUserCreated,
        K::ReferenceDataLoaded => T::EventReferenceData,
        K::ContactPseudonymised => T::EventContactPseudonymised,
        K::ContactRemoved => T::EventContactRemoved,
        K::OrgNrSet => T::EventOrgNrSet,
        K::UserChanged => T::EventUserChanged,
        K::UserDeactivated => T::EventUserDeactivated,
        K::UserActivated => T::EventUserActivated,
        K::SettingChanged => T::EventSettingChanged,
        K::CallCreated => T::EventCallCreated,
        K::CallChanged => T::EventCallChanged,
        K::CallClosed => T::EventCallClosed,
        K::ClosedCallOverridden => T::EventClosedCallOverridden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut found: Vec<String> = s
            .match_indices('{')
            .filter_map(|(i, _)| s[i..].find('}').map(|j| s[i..i + j + 1].to_string()))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn both_languages_complete_with_matching_placeholders() {
        for &key in T::ALL {
            let (sv, en) = (key.text(Lang::Sv), key.text(Lang::En));
            assert!(!sv.trim().is_empty(), "{key:?} has no Swedish text");
            assert!(!en.trim().is_empty(), "{key:?} has no English text");
            assert_eq!(placeholders(sv), placeholders(en), "{key:?}");
        }
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(fill("{0} av {1}", &["3", "7"]), "3 av 7");
        assert_eq!(fill("okänt {1:?}", &["x", "fr"]), "okänt \"fr\"");
    }

    #[test]
    fn lang_parse() {
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("sv"), Some(Lang::Sv));
        assert_eq!(Lang::parse("fr"), None);
    }
}
