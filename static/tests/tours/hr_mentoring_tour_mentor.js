/** @odoo-module **/
/*
 * hr_mentoring_tour_mentor_day (login mentoring_test_maria, started by
 * tests/test_tour_mentor_mentee.py): the mentor's day.
 *
 * - the clock (systray activities) > Plan Events > Today: open today's event,
 *   write the comment and sign it done;
 * - My Mentoring > My Mentees > Nina > Log a Discussion: the diagnosis (why,
 *   the situation, the mentee's agreement, current and desired level) and one
 *   action item; then Schedule Meeting shows the free slot it found and books it on Confirm;
 * - My Mentoring > My Evaluations > New: rate Nina on every criterion, submit.
 *
 * On every screen the buttons and menus of the other roles (mentee,
 * department head, coordinator) must be absent.
 */

import { registry } from "@web/core/registry";
import { evaluate, FORM, myMentoringOpener, noButtons, openMentoringApp, selectMany2one, signOff } from "./hr_mentoring_tour_utils";

// the other roles' buttons on each form of the mentor's screens
const EVENT_OTHERS = noButtons(["action_acknowledge", "action_review", "action_cancel", "action_reset_planned"]);
const PAIRING_OTHERS = noButtons([
    "action_approve",
    "action_open_plan_wizard",
    "action_done",
    "action_cancel",
    "action_reset_draft",
    "action_clear_fit_concern",
]);
const EVALUATION_OTHERS = noButtons(["action_acknowledge", "action_reset_draft"]);

const openMyMentoring = myMentoringOpener("mentor");

registry.category("web_tour.tours").add("hr_mentoring_tour_mentor_day", {
    url: "/odoo",
    steps: () => [
        // 1. today's activity, from the clock
        {
            content: "Open the activities (the clock)",
            trigger: ".o_menu_systray .o-mail-ActivityMenu-counter",
            run: "click",
        },
        {
            content: "Open today's plan events",
            trigger: ".o-mail-ActivityGroup[data-model_name='hr.mentoring.event'] span.btn-link:contains(Today)",
            run: "click",
        },
        {
            content: "Today's event is listed, alone",
            trigger:
                ".o_list_view:not(:has(.o_data_row:nth-child(2))) .o_data_row .o_data_cell[name=name]:contains(Feedback on the third working day)",
            run: "click",
        },
        {
            content: "The mentor may sign it; nobody else's buttons are there",
            trigger: `${FORM}:has(button[name=action_mark_done])${EVENT_OTHERS}`,
        },
        ...signOff({
            checks: [
                {
                    content: "The head's comment and the mentee's are not the mentor's to write",
                    trigger: `${FORM}:has(.o_field_widget[name=review_comment].o_readonly_modifier):has(.o_field_widget[name=mentee_comment].o_readonly_modifier)`,
                },
            ],
            field: "mentor_comment",
            text: "Nina handled her first client call alone.",
            button: "action_mark_done",
            pressContent: "Sign as done",
            doneContent: "The event is done, nothing is left to press for the mentor",
            done: `${FORM}:has(.o_statusbar_status button.o_arrow_button_current[data-value=done]):not(:has(button[name=action_mark_done]))${EVENT_OTHERS}`,
        }),
        {
            content: "Signed by the mentor",
            trigger: `${FORM} .o_field_widget[name=signed_by_id]:contains(Maria Mentor)`,
        },

        // 2. a situational discussion: diagnosis and action plan
        ...openMentoringApp(),
        ...openMyMentoring("menu_my_mentees"),
        {
            content: "Open Nina's pairing",
            trigger: ".o_kanban_record:contains(Nina Newcomer)",
            run: "click",
        },
        {
            content: "The mentor logs discussions; no approval, plan or closing buttons",
            trigger: `${FORM}:has(button[name=action_log_discussion])${PAIRING_OTHERS}`,
        },
        {
            content: "Log a discussion",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_log_discussion]`,
            run: "click",
        },
        {
            content: "A situational discussion of Nina's pairing opens",
            trigger: `${FORM} .o_field_widget[name=pairing_id] input:value(Nina Newcomer with Maria Mentor)`,
        },
        {
            content: "Why we discuss",
            trigger: `${FORM} .o_field_widget[name=discussion_reason] textarea`,
            run: "edit Nina interrupts clients on the phone.",
        },
        {
            content: "The situation studied",
            trigger: `${FORM} .o_field_widget[name=discussion_situation] textarea`,
            run: "edit Yesterday's call with a new client.",
        },
        {
            content: "Nina agrees",
            trigger: `${FORM} .o_field_widget[name=mentee_agreement] select`,
            run: 'select "agreed"',
        },
        {
            content: "Agrees, not partly",
            trigger: `${FORM} .o_field_widget[name=mentee_agreement] select:has(option:selected:contains(Agrees):not(:contains(Partly)))`,
        },
        ...selectMany2one("criterion_id", "Working With Clients"),
        ...selectMany2one("current_level_id", "Developing"),
        ...selectMany2one("desired_level_id", "Proficient"),
        {
            content: "Add an action item",
            trigger: `${FORM} .o_field_widget[name=action_item_ids] .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "The action",
            trigger: `${FORM} .o_field_widget[name=action_item_ids] .o_selected_row .o_field_widget[name=name] input`,
            run: "edit Listen to two calls of a senior colleague",
        },
        {
            content: "Save the discussion",
            trigger: `${FORM} .o_form_button_save`,
            run: "click",
        },
        {
            content: "Saved, with its action item",
            trigger: `${FORM}:has(.o_form_saved) .o_field_widget[name=action_item_ids] .o_data_row .o_data_cell[name=name]:contains(Listen to two calls)`,
        },
        {
            content: "Schedule the discussion as a meeting in the Calendar",
            trigger: `${FORM} .o_statusbar_buttons button[name=action_open_meeting_wizard]`,
            run: "click",
        },
        {
            content: "The proposed slot is shown first, in both people's time zones",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row .o_data_cell[name=local_times]:contains(Nina Newcomer)",
        },
        {
            content: "Confirm the meeting",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The meeting is in the Calendar, with Nina; it is scheduled once",
            trigger: `${FORM} .o_field_widget[name=calendar_event_id]:contains(Nina Newcomer and Maria Mentor)`,
        },
        {
            content: "Nothing left to schedule on it",
            trigger: `${FORM}:has(.o_field_widget[name=meeting_start]):not(:has(button[name=action_open_meeting_wizard]))`,
        },
        {
            content: "The mentor signs the discussion when it is held; nobody else's buttons are there",
            trigger: `${FORM}:has(button[name=action_mark_done])${EVENT_OTHERS}`,
        },

        // 3. evaluate the mentee from My Evaluations > New
        ...evaluate({
            role: "mentor",
            kindSteps: [
                {
                    content: "The mentor evaluates the mentee",
                    trigger: `${FORM} .o_field_widget[name=kind] select:has(option:selected:contains(Mentor Evaluates Mentee))`,
                },
            ],
            ratings: [
                ["Working With Clients", "Developing"],
                ["Mastery of Work Technology", "Proficient"],
            ],
            others: EVALUATION_OTHERS,
            submittedContent: "Submitted; the mentor may now share it, nothing of the others",
            submittedHas: ":has(button[name=action_share])",
        }),
    ],
});
