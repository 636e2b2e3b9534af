#include "demo_texts.h"

namespace dyad::records_plugin {

const DemoScript& ortiz_notes() {
    static const DemoScript script{
        "imago-session",
        {"stage", "dialogue", "exercises", "observations", "plan"},
        {
            {"Assessment",
             "None yet: the Intentional Dialogue was explained, and each partner told their view "
             "of the relationship while the other listened without interrupting.",
             "Intake forms completed; each partner to begin a personal relationship vision.",
             "Pursue-withdraw cycle: {A} raises her loneliness on weeknights and {B} goes quiet. "
             "Both committed to the work; no safety concerns (screened separately).",
             "Second assessment session: relationship history and what each wants from therapy."},
            {"Assessment; Revisioning begun",
             "Mirroring practised on a neutral topic (their first trip together); both mirrored "
             "accurately with coaching.",
             "Relationship visions under way. Exits named in session: {B}'s late evenings at "
             "work and phones at the dinner table.",
             "Warm moments recalling the early years; {A} tearful, {B} quieter but engaged.",
             "Teach the Couple Dialogue; {A} to send first."},
            {"Revisioning",
             "First Couple Dialogue: {A} sent about evenings alone while {B} works late. {B} "
             "mirrored well but began explaining his schedule at validation, where we stopped "
             "to coach the receiver's stance.",
             "Finish the personal visions; each to list the exits they use.",
             "{B} defensive when asked to validate; {A} visibly calmer once she felt mirrored.",
             "{B} sends next session."},
            {"Recommitting",
             "{B} sent about feeling criticised when he walks in the door. {A} needed two "
             "re-mirrors and her validation came out as 'yes, but'.",
             "Exit lists shared; both agreed to close the first one: phones away at dinner.",
             "Reactivity high in both; safety held by slowing down and coaching the stem 'it "
             "makes sense to me that...'.",
             "Appreciation Dialogue next to rebuild safety."},
            {"Removing Negativity",
             "Appreciation Dialogue, both rounds completed. Summaries partial; empathy named "
             "thoughts rather than feelings.",
             "One appreciation a day at home. Phone-free dinners kept on four of seven nights.",
             "Softer tone throughout; {B} made eye contact and smiled while receiving.",
             "{B} raised money worries at the end; take them up next session."},
            {"Reimaging",
             "{B} sent about money worries after the credit card statement. One 'is there "
             "more?' opened his fear of not providing; out of time before empathy.",
             "Imago Workup assigned: childhood caretakers' traits, frustrations and longings.",
             "{A} moved; she began to see his late hours as worry rather than absence.",
             "Begin Behavior Change Requests on the dinner-phone frustration."},
            {"Restructuring Frustrations",
             "No full dialogue: the session went to the Behavior Change Request process. {A} "
             "turned her frustration about phones at dinner into a desire and three requests.",
             "{B} chose one request: phones in the hall basket from 7 to 8 on weeknights, for "
             "four weeks.",
             "{B} said the request felt 'doable, not an indictment'; {A} thanked him without "
             "adding a 'but'.",
             "Frustration Dialogue on the phones; review the request."},
            {"Restructuring Frustrations",
             "Frustration Dialogue: {A} sent about phones at the dinner table. {B} validated "
             "without defending and named 'lonely' and 'unimportant'.",
             "Request kept on five of seven nights. Both Workups completed.",
             "{A} linked feeling unimportant to a father who was often away; {B} listened "
             "closely.",
             "{B} sends next; plan a Parent-Child Dialogue for {A}."},
            {"Reimaging",
             "{B} sent about visits to {A}'s family. Both rounds; validation solid, empathy "
             "still drifting toward advice.",
             "Practised the stem 'I imagine you might be feeling...'. Workup themes shared: "
             "{A}'s longing to be chosen, {B}'s fear of being found lacking.",
             "Their childhood wounds fit together: {A} pursues when she fears being left, {B} "
             "withdraws when he expects criticism, as he did with his mother.",
             "Parent-Child Dialogue for {A} next session."},
            {"Recommitting",
             "After last week's missed session {A} sent about carrying the therapy alone; {B} "
             "owned the no-show without defending. Summary rushed, empathy accurate.",
             "Parent-Child Dialogue postponed. Sessions put in a shared calendar.",
             "Repair handled well; {A} relieved that {B} named the no-show himself.",
             "Parent-Child Dialogue for {A}; keep the daily appreciations."},
            {"Reimaging",
             "Appreciation Dialogue with {B} sending, on how {A} handled his mother's visit, "
             "every step complete. Then a Parent-Child Dialogue for {A}, {B} receiving as her "
             "father.",
             "One appreciation a day continues; a Parent-Child Dialogue for {B} to follow.",
             "Deep emotion; {A} said she felt 'seen for the first time in a long while', and {B} "
             "stayed present throughout.",
             "{A}'s frustration about affection and distance."},
            {"Re-Romanticizing",
             "{A} sent about affection and the distance since the spring. {B} flooded at "
             "validation and needed a pause and a re-mirror; he recovered well for empathy.",
             "Caring Behaviours lists exchanged: two caring behaviours a day from the partner's "
             "list.",
             "{B} named his flooding and stayed in the dialogue instead of withdrawing, a first.",
             "Review caring behaviours; {B}'s frustration about plans changed at the last "
             "minute."},
            {"Restructuring Frustrations",
             "Frustration Dialogue: {B} sent about plans changed at the last minute. {A} stayed "
             "curious rather than defensive and empathized accurately ('anxious', 'dismissed').",
             "Shared relationship vision finished and kept. {B} to write a Behavior Change "
             "Request about plan changes.",
             "Fewer fights at home and faster repair, both say.",
             "Behavior Change Request Dialogue for {B}; review caring behaviours."},
            {"Re-Romanticizing",
             "{A} sent about going back to full-time work. Two 'is there more?' loops, full "
             "validation and empathy ('proud', 'scared'); the dialogue now holds with little "
             "coaching.",
             "A weekly Dialogue at home on Sunday evenings; one surprise and one fun activity "
             "this week.",
             "Playful and warm: laughter in session and more touch between them.",
             "{B}'s Behavior Change Request at Friday's session; prepare the plan review."},
        }};
    return script;
}

const DemoScript& moss_notes() {
    static const DemoScript script{
        "imago-session",
        {"stage", "dialogue", "exercises", "observations", "plan"},
        {
            {"Assessment",
             "None yet: the Intentional Dialogue was described, and each partner gave their "
             "account of the relationship while the other listened.",
             "Intake questionnaires; each to note what they want more of together.",
             "Long silences rather than open conflict; {B} says they feel like 'roommates'. No "
             "safety concerns.",
             "Second assessment session: relationship history."},
            {"Assessment",
             "Structured listening: each summarized what they heard of the other's history.",
             "Personal relationship visions to write.",
             "{A} carries most of the household planning and resents it; {B} retreats into work "
             "when criticised.",
             "Begin Revisioning with the visions."},
            {"Revisioning",
             "Each read their vision aloud; the other repeated back the phrases that mattered.",
             "Shared vision drafted; at the top, 'we share the load at home' and 'we have time "
             "just for us'.",
             "Brighter affect; both laughed about their early dates.", "Name the exits next."},
            {"Recommitting", "Mirroring practised line by line on the exits list.",
             "Exits named: {B}'s late-night gaming and {A}'s long calls with her sister during "
             "dinner; each chose one to close.",
             "{B} defensive about the gaming at first, then saw it as a way to avoid conflict.",
             "Review the exits; prepare for the Couple Dialogue."},
            {"Recommitting",
             "Mirroring on a neutral topic, in preparation for the full Couple Dialogue.",
             "Exits partly closed: {A} stopped the dinner calls, {B} keeps gaming to weekends.",
             "More initiative from {B}; {A} noticed it and said so.",
             "Full Couple Dialogue next session."},
            {"Removing Negativity",
             "First Couple Dialogue: {A} sent about the household tasks. {B} mirrored closely "
             "after one repeat; we stopped at validation to teach it.",
             "Ask for an appointment ('Is now a good time?') before any frustration; one "
             "appreciation a day.",
             "{A}'s criticism softened once she felt mirrored; {B} stayed present rather than "
             "shutting down.",
             "Imago history and childhood wounds next."},
            {"Reimaging",
             "No dialogue: each partner's Imago history taken while the other listened.",
             "Imago Workup assigned.",
             "{A} grew up the responsible eldest child; {B} learned to keep quiet in a loud "
             "household. Both saw how these childhood wounds meet in their fights about chores.",
             "Appreciation Dialogue; review the Workup."},
            {"Reimaging",
             "Appreciation Dialogue with {B} sending; both rounds, validation and empathy still "
             "brief. {B} finds receiving harder than sending.",
             "Workup in progress: {A} has finished two sections, {B} one.",
             "Last week's session was cancelled for {A}'s work travel; they reconnected quickly.",
             "{A} to send about weekends with {B}'s parents."},
            {"Removing Negativity",
             "{A} sent about weekends with the in-laws. {B} validated clearly; empathy guesses "
             "stayed general ('upset'); one 'is there more?' loop.",
             "Finish the Workup; keep the daily appreciation and the appointments.",
             "Steady progress: less reactivity and more curiosity from both.",
             "Behavior Change Requests on the household tasks."},
        }};
    return script;
}

const DemoScript& diaz_notes() {
    static const DemoScript script{
        "dap",
        {"data", "assessment", "plan"},
        {
            {"Intake. {A} reports low mood, poor sleep and tearfulness since her divorce was "
             "finalized; her younger son moved out this year.",
             "Presentation consistent with an adjustment disorder with depressed mood. Denies "
             "suicidal ideation; supportive friends.",
             "Weekly individual sessions. Start a regular bedtime and one daily walk."},
            {"Kept the bedtime on four nights and walked twice with a friend.",
             "Engaged and motivated; mood low but reactive.",
             "Behavioural activation: two pleasant activities scheduled; daily mood rating."},
            {"Spoke of grief for the marriage and anger at her former husband over the sale of "
             "the house.",
             "Grief work under way; the anger is proportionate and contained.",
             "Write a letter to the marriage, not to be sent; continue activation."},
            {"Explored early history: a critical mother and an often absent father. {A} learned "
             "to keep the peace by looking after everyone.",
             "Imago-informed view: her over-functioning in the marriage echoes this childhood "
             "wound.",
             "Notice over-functioning this week and journal what she wanted instead."},
            {"A tense phone call with her former husband about their son's tuition left her "
             "shaken for two days.",
             "Conflict with her former husband remains the main stressor; she has no safe "
             "structure for these talks.",
             "Practise mirroring and validation for the next call; rehearsed in session."},
            {"Used mirroring on the call; it stayed calm and they agreed how to split the "
             "tuition.",
             "A real gain in self-efficacy; mood improving, sleeping well most nights.",
             "Continue; begin to look at what she wants for herself now."},
            {"Has joined a choir and reports more good days than bad.",
             "Depressive symptoms easing; functioning close to her usual.",
             "Relapse prevention: early signs and what helps."},
            {"Reviewed progress. {A} wants to keep working on her habit of putting herself last.",
             "Adjustment improving; most treatment goals met.",
             "Discuss moving to every other week; review goals in a month."},
        }};
    return script;
}

const DemoScript& nguyen_notes() {
    static const DemoScript script{
        "soap",
        {"subjective", "objective", "assessment", "plan"},
        {
            {"{A} and {B} describe daily arguments with {C} about her phone, curfew and "
             "slipping grades. {C} says her parents 'only talk to me to complain'.",
             "{C} quiet and guarded, more open when addressed directly. {A} spoke for the "
             "family; {B} deferred to her.",
             "Parent-adolescent conflict in a pursue-withdraw pattern, with the parents not "
             "aligned. No safety concerns ({C} seen alone for ten minutes).",
             "Teach a family version of the Intentional Dialogue. Each parent to give {C} "
             "fifteen minutes of listening without correcting."},
            {"{C} had one good listening time with {B} and none with {A}, who found the week "
             "too busy.",
             "Family dialogue: {C} sent about feeling watched all the time. {A} mirrored with "
             "coaching and validated that wanting privacy at sixteen makes sense.",
             "First real exchange without escalation; {A}'s worry drives much of the "
             "monitoring.",
             "Parents to talk together first, in dialogue, about where they differ; then draft "
             "a phone agreement with {C}."},
            {"Last week's session was missed (a school event ran late). Two calmer evenings "
             "and one argument over curfew.",
             "{B} sent to {C} about his worry when she comes home late; {C} mirrored him, to "
             "both parents' visible surprise.",
             "{C} engages more when her own view is mirrored first; the parents are more "
             "aligned.",
             "Finalize the phone and curfew agreement; continue weekly."},
        }};
    return script;
}

const DemoScript& haddad_notes() {
    static const DemoScript script{
        "birp",
        {"behavior", "intervention", "response", "plan"},
        {
            {"Intake. {A} presents anxious and tired after being laid off from a long-held "
             "engineering job; poor sleep and irritability at home.",
             "Assessment, risk screening and psychoeducation on stress and adjustment.",
             "Open and relieved to talk; denies suicidal ideation.",
             "Weekly sessions; sleep hygiene and a daily structure."},
            {"Restless nights and worry about money most mornings.",
             "Worry time and paced breathing taught and practised in session.",
             "Settled with the breathing; sceptical of worry time but willing.",
             "Daily worry time; keep a sleep log."},
            {"Arguments with his wife when she asks about the job search.",
             "Taught mirroring from the Imago Dialogue to slow these talks down; rehearsed with "
             "{A} mirroring her side.",
             "Awkward at first, then effective in the role play.",
             "Ask his wife for a set time each week to talk about the search, and mirror first."},
            {"Spoke of his father, who measured a man's worth by his work and was harsh about "
             "failure.",
             "Explored the childhood wound beneath his shame about the layoff.",
             "Tearful; said he had never connected the two.",
             "Write what he would have needed to hear as a boy."},
            {"Discouraged after two rejections; withdrew for several days.",
             "Behavioural activation and reframing of the rejections; reviewed his strengths.",
             "Mood lifted during the session; agreed to small daily tasks.",
             "Two applications and one walk a day."},
            {"A calm talk with his wife using mirroring; they agreed on a budget.",
             "Reinforced the gains and explored what made the conversation feel safe.",
             "Proud and more hopeful.", "Keep the weekly talk and the daily routine."},
            {"Sleep better, less irritable; reaching out to former colleagues.",
             "Reviewed progress; values work on what he wants from his next job.",
             "Engaged and reflective.", "Continue weekly; watch for early signs of low mood."},
            {"{A} started a new position two weeks ago; mood and sleep stable.",
             "Closing session: reviewed gains, early warning signs and his coping plan.",
             "Grateful and confident in his skills; agrees to end treatment.",
             "Discharged; welcome to return if needed."},
        }};
    return script;
}

}  // namespace dyad::records_plugin
