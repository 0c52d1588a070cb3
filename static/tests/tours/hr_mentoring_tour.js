/** @odoo-module **/
/*
 * The two halves of a pairing's start, as the people do it in the browser
 * (started by tests/test_tour.py):
 *
 * hr_mentoring_tour_coordinator (login mentoring_test_cora): Mentoring > Programmes > Find a
 *   Mentor for the new mentee Nina, keep the top-ranked mentor (pre-selected),
 *   Propose Pairing, which opens the plan wizard: Create Plan; then open the
 *   pairing and approve it.
 * hr_mentoring_tour_mentor (login mentoring_test_maria): the systray activity menu, the plan
 *   events waiting for her, mark the first one done with a comment.
 */

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const MODAL = ".modal:not(.o_inactive_modal)";

function selectMany2one(fieldName, text, scope = MODAL) {
    return [
        {
            content: `Type ${text} in ${fieldName}`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Pick ${text}`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] .o-autocomplete--dropdown-item > a:contains(${text})`,
            run: "click",
        },
        {
            content: `${text} is set`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] input:value(${text})`,
        },
    ];
}

registry.category("web_tour.tours").add("hr_mentoring_tour_coordinator", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("hr_mentoring.menu_root", "Open the Mentoring app"),
        {
            content: "Open the Programmes menu",
            trigger: ".o_main_navbar [data-menu-xmlid='hr_mentoring.menu_programs_root']",
            run: "click",
        },
        {
            content: "Find a Mentor",
            trigger: ".dropdown-item[data-menu-xmlid='hr_mentoring.menu_find_mentor']",
            run: "click",
        },
        {
            content: "The selection wizard opens",
            trigger: `${MODAL} .modal-footer button[name=action_create_pairing]`,
        },
        ...selectMany2one("mentee_id", "Nina Newcomer"),
        ...selectMany2one("program_id", "New Client Managers"),
        {
            content: "The eligible mentors are ranked, the best one first",
            trigger: `${MODAL} .o_field_widget[name=line_ids] .o_data_row:first-child .o_data_cell[name=mentor_id]:contains(Maria Mentor)`,
        },
        {
            content: "Rank 1 is pre-selected",
            trigger: `${MODAL} .o_field_widget[name=line_ids] .o_data_row:first-child .o_field_widget[name=selected] input:checked`,
        },
        {
            content: "The second mentor is not selected",
            trigger: `${MODAL} .o_field_widget[name=line_ids] .o_data_row:nth-child(2) .o_field_widget[name=selected] input:not(:checked)`,
        },
        {
            content: "Propose the pairing",
            trigger: `${MODAL} .modal-footer button[name=action_create_pairing]`,
            run: "click",
        },
        {
            content: "The plan wizard opens with the programme's plan",
            trigger: `${MODAL} .o_field_widget[name=template_id] input:value(Adaptation of a New Client Manager)`,
        },
        {
            content: "Create the plan",
            trigger: `${MODAL} .modal-footer button[name=action_create_plan]`,
            run: "click",
        },
        {
            content: "The plan's events are listed",
            trigger: "body:not(:has(.modal)) .o_list_view .o_data_row .o_data_cell:contains(Welcome: explain the coach-mentoring process)",
        },
        {
            content: "Open the Programmes menu",
            trigger: ".o_main_navbar [data-menu-xmlid='hr_mentoring.menu_programs_root']",
            run: "click",
        },
        {
            content: "Open the pairings",
            trigger: ".dropdown-item[data-menu-xmlid='hr_mentoring.menu_pairings']",
            run: "click",
        },
        {
            content: "Open Nina's pairing",
            trigger: ".o_kanban_record:contains(Nina Newcomer)",
            run: "click",
        },
        {
            content: "It is proposed",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=proposed]",
        },
        {
            content: "Approve the pairing",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_approve]",
            run: "click",
        },
        {
            content: "The pairing is active",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=active]",
        },
        {
            content: "Its plan shows the events done out of planned",
            trigger: ".o_form_view button[name=action_open_events] .o_stat_value:contains(0 /)",
        },
    ],
});

registry.category("web_tour.tours").add("hr_mentoring_tour_mentor", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the activities",
            trigger: ".o_menu_systray .o-mail-ActivityMenu-counter",
            run: "click",
        },
        {
            // the first counter with something in it: today's events on a working
            // day, the upcoming ones otherwise (the plan starts on a working day)
            content: "Open the mentoring plan events",
            trigger: ".o-mail-ActivityGroup[data-model_name='hr.mentoring.event'] .btn-link",
            run: "click",
        },
        {
            content: "The first event of the plan is listed",
            trigger: ".o_list_view .o_data_row:first-child .o_data_cell[name=name]:contains(Welcome: explain the coach-mentoring process)",
        },
        {
            content: "Open its activity",
            trigger: ".o_list_view .o_data_row:first-child .o-mail-ActivityButton",
            run: "click",
        },
        {
            content: "Mark the activity done",
            trigger: ".o-mail-ActivityListPopover .o-mail-ActivityListPopoverItem-markAsDone",
            run: "click",
        },
        {
            content: "Write the comment",
            trigger: ".o-mail-ActivityMarkAsDone textarea",
            run: "edit Explained the plan and its dates; Nina wants to work on client calls first.",
        },
        {
            content: "Done",
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label=Done]",
            run: "click",
        },
        {
            content: "The event is signed done",
            trigger: ".o_list_view .o_data_row:has(.o_data_cell[name=name]:contains(Welcome: explain the coach-mentoring process)) .o_data_cell[name=state]:contains(Done)",
        },
    ],
});
